import type { DecideDeps } from '#domain/decision.ts';
import type { DeliveryRepository } from '#adapters/delivery-store/delivery-repository.ts';
import type { WorkflowInspection } from '#adapters/workflow-inspection.ts';

/** What the API routes work with: the store, the clock and ids, and where executions live. */
export interface ApiContext {
  readonly repository: DeliveryRepository;
  readonly deps: DecideDeps;
  readonly stateMachineArn: string;
  /** The partners this deployment has clients for: an operator may only reassign to one of them. */
  readonly partnerIds: readonly string[];
  /** Where operators read a delivery's workflow state. */
  readonly workflows: WorkflowInspection;
}
