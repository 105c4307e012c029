import { useEffect, useState } from 'preact/hooks';
import { ApiError, type ActionRequest, type OperatorApi } from '../api.ts';
import type { OperatorTimeline } from '../api-types.ts';
import { ActionForm } from './action-form.tsx';
import { Timeline } from './timeline.tsx';

/** The Step Functions console's page of an execution. */
const consoleUrlOf = (executionArn: string): string => {
  const region = executionArn.split(':')[3] ?? '';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
};

/** Properties of {@link DeliveryPanel}. */
export interface DeliveryPanelProps {
  readonly api: OperatorApi;
  readonly deliveryId: string;
  /** Called after an action was applied, so that the list can follow. */
  readonly onChanged: () => void;
  readonly onError: (error: unknown) => void;
}

/** One delivery: where it is, its workflow, its timeline, and the actions allowed on it. */
export const DeliveryPanel = ({ api, deliveryId, onChanged, onError }: DeliveryPanelProps) => {
  const [timeline, setTimeline] = useState<OperatorTimeline | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'refused'; text: string } | null>(null);
  const [version, setVersion] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    api.timeline(deliveryId).then(
      (loaded) => {
        if (!current) return;
        setTimeline(loaded);
        setFailure(null);
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError) setFailure(error.message);
        else onError(error);
      },
    );
    return () => { current = false; };
  }, [api, deliveryId, version, onError]);
  useEffect(() => { setOutcome(null); }, [deliveryId]);
  if (failure !== null) return <p class="problem" role="alert">{deliveryId}: {failure}</p>;
  if (timeline === null || timeline.delivery.deliveryId !== deliveryId) return <p class="loading">Loading {deliveryId}…</p>;
  const { delivery, workflow } = timeline;
  const act = async (request: ActionRequest, idempotencyKey: string): Promise<boolean> => {
    let applied = false;
    try {
      const after = await api.act(deliveryId, request, idempotencyKey);
      setOutcome({ kind: 'done', text: `${request.action} applied: the delivery is now ${after.status}${after.holdReason === null ? '' : ` (${after.holdReason})`}.` });
      applied = true;
      onChanged();
    } catch (error) {
      if (error instanceof ApiError) setOutcome({ kind: 'refused', text: error.message });
      else onError(error);
    }
    setVersion((value) => value + 1);
    return applied;
  };
  return (
    <article class="delivery" data-delivery-id={delivery.deliveryId}>
      <header>
        <h2>{delivery.deliveryId}</h2>
        <p class="status" data-status={delivery.status}>
          {delivery.status}
          {delivery.holdReason === null ? '' : ` (${delivery.holdReason})`}
        </p>
      </header>
      <dl class="facts">
        <dt>Order</dt>
        <dd>{delivery.orderId}</dd>
        <dt>Partner</dt>
        <dd>{delivery.partner === null ? '—' : `${delivery.partner.id}${delivery.partner.jobId === null ? '' : ` · job ${delivery.partner.jobId}`}${delivery.partner.trackingNumber === null ? '' : ` · ${delivery.partner.trackingNumber}`}`}</dd>
        <dt>Attempts</dt>
        <dd>
          {delivery.attemptCount}/{delivery.maxAttempts}
        </dd>
        <dt>Promised by</dt>
        <dd>{delivery.promisedBy ?? '—'}</dd>
        <dt>Workflow</dt>
        <dd class="workflow">
          {workflow === null ? 'not started' : `${workflow.status}${workflow.currentState === null ? '' : ` · ${workflow.currentState}`}`}{' '}
          <a href={consoleUrlOf(delivery.executionArn)} target="_blank" rel="noreferrer">
            console
          </a>
        </dd>
      </dl>
      {outcome === null ? null : <p class={`outcome ${outcome.kind}`} role="status">{outcome.text}</p>}
      <ActionForm key={`${delivery.deliveryId}-${String(delivery.version)}`} allowedActions={timeline.allowedActions} reassignTo={timeline.reassignTo} onSubmit={act} />
      <h3>Timeline</h3>
      <Timeline entries={timeline.timeline} />
    </article>
  );
};
