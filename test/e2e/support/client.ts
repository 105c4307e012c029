import { createHmac, randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { createRequest } from '#test/support/commands.ts';
import { eventually } from '#test/support/eventually.ts';

export { eventually };
import type { CreateDeliveryRequest } from '#schemas/create-delivery.ts';
import type { StackUrls } from '#test/support/local-stack.ts';

/** The delivery view of contract §3. */
export interface DeliveryView {
  readonly deliveryId: string;
  readonly orderId: string;
  readonly status: string;
  readonly holdReason: string | null;
  readonly attemptCount: number;
  readonly partner: { readonly id: string; readonly jobId: string | null; readonly trackingNumber: string | null } | null;
  readonly executionArn: string | null;
  readonly version: number;
}

/** The error body of contract §3. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: readonly { readonly field: string; readonly message: string }[] };
}

/** Whatever an API reply may hold: a view, an error, a webhook result or a page of views. */
export type ReplyBody = Partial<DeliveryView> & Partial<ErrorBody> & { readonly result?: string; readonly items?: readonly DeliveryView[] };

/** A JSON reply: the status and the parsed body. */
export interface Reply {
  readonly status: number;
  readonly body: ReplyBody;
}

/** A domain event as `GET /deliveries/{id}/events` and the bus carry it (contract §5). */
export interface DeliveryEvent {
  readonly eventId: string;
  readonly type: string;
  readonly sequence: number;
  readonly source: string;
  readonly actor: unknown;
  readonly reason: string | null;
}

/** The delivery id a create reply names; fails when it names none. */
export const deliveryIdOf = (reply: Reply): string => {
  if (reply.body.deliveryId === undefined) throw new Error(`no delivery in the reply (${String(reply.status)}): ${JSON.stringify(reply.body)}`);
  return reply.body.deliveryId;
};

/** A delivery event as a subscriber sees it on the bus: the entry's detail. */
export interface BusEvent {
  readonly eventId: string;
  readonly type: string;
  readonly deliveryId: string;
  readonly sequence: number;
  readonly toStatus: string | null;
}

/** How a webhook is signed: by the contract's rule unless a test says otherwise. */
export interface WebhookSigning {
  /** @default `dev-secret-<partnerId>` */
  readonly secret?: string;
  /** Unix seconds. @default now */
  readonly timestamp?: number;
  /** The body sent, when it differs from the body signed. */
  readonly sentBody?: string;
  /** No signature header at all. */
  readonly unsigned?: boolean;
}

/** `X-Partner-Signature` as contract §4 defines it, computed here independently of the service's code. */
export const partnerSignature = (secret: string, timestamp: number, rawBody: string): string =>
  `t=${String(timestamp)},v1=${createHmac('sha256', secret).update(`${String(timestamp)}.${rawBody}`).digest('hex')}`;

/** A create request with an order id no other test uses (they share one stack). */
export const newOrder = (overrides: Partial<CreateDeliveryRequest> = {}): CreateDeliveryRequest =>
  createRequest({ orderId: `ord-e2e-${randomUUID()}`, promisedBy: new Date(Date.now() + 7 * 86_400_000).toISOString(), ...overrides });

/** A partner status event of `jobId`, happening now unless `occurredAt` says otherwise. */
export const partnerEvent = (jobId: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: `evt-${randomUUID()}`,
  jobId,
  status,
  occurredAt: new Date().toISOString(),
  ...extra,
});

/** An entry on the bus, as `GET /_local/events` lists it. */
export interface BusEntry {
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly EventBusName: string;
}

/** The page size {@link StackClient.busEntries} reads the bus log in. */
const BUS_PAGE_SIZE = 5000;

/**
 * The local stack seen only from outside, as its users reach it: the HTTP API and webhooks, and the
 * AWS endpoint through the real SDK clients and `GET /_local/events`.
 */
export class StackClient {
  readonly sfn: SFNClient;
  readonly eventBridge: EventBridgeClient;

  constructor(readonly urls: StackUrls) {
    const config = { endpoint: urls.awsUrl, region: 'eu-west-1', credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' } };
    this.sfn = new SFNClient(config);
    this.eventBridge = new EventBridgeClient(config);
  }

  /** One HTTP call to the API; `operator` adds the operator's bearer token. */
  async call(method: string, path: string, options: { body?: unknown; rawBody?: string; operator?: boolean; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.operator === true) headers['authorization'] = `Bearer ${this.urls.operatorToken}`;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(`${this.urls.apiUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as ReplyBody) };
  }

  create(request: CreateDeliveryRequest): Promise<Reply> {
    return this.call('POST', '/deliveries', { body: request });
  }

  get(deliveryId: string): Promise<Reply> {
    return this.call('GET', `/deliveries/${deliveryId}`);
  }

  /** The delivery's domain events, as `GET /deliveries/{id}/events` gives them. */
  async events(deliveryId: string): Promise<DeliveryEvent[]> {
    return ((await this.call('GET', `/deliveries/${deliveryId}/events`)).body as { events: DeliveryEvent[] }).events;
  }

  cancel(deliveryId: string, reason = 'the customer changed their mind'): Promise<Reply> {
    return this.call('POST', `/deliveries/${deliveryId}/cancel`, { body: { reason } });
  }

  act(deliveryId: string, action: string, reason = 'an operator decided', extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.call('POST', `/deliveries/${deliveryId}/actions`, { body: { action, reason, ...extra }, operator: true });
  }

  /** A partner webhook, signed as the contract says unless `signing` says otherwise. */
  webhook(partnerId: string, payload: unknown, signing: WebhookSigning = {}): Promise<Reply> {
    const raw = JSON.stringify(payload);
    const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> =
      signing.unsigned === true ? {} : { 'x-partner-signature': partnerSignature(signing.secret ?? `dev-secret-${partnerId}`, timestamp, raw) };
    return this.call('POST', `/webhooks/${partnerId}`, { rawBody: signing.sentBody ?? raw, headers });
  }

  /** Every entry on the bus the stack keeps, oldest first, read page after page from `GET /_local/events`. */
  async busEntries(): Promise<BusEntry[]> {
    const entries: BusEntry[] = [];
    for (let nextToken: string | undefined = '0'; nextToken !== undefined; ) {
      const response = await fetch(`${this.urls.awsUrl}/_local/events?limit=${String(BUS_PAGE_SIZE)}&nextToken=${nextToken}`);
      const page = (await response.json()) as { entries: BusEntry[]; nextToken?: string };
      entries.push(...page.entries);
      nextToken = page.nextToken;
    }
    return entries;
  }

  /** The delivery's events a subscriber received from the bus, in the order they were put. */
  async busEventsOf(deliveryId: string): Promise<BusEvent[]> {
    return (await this.busEntries())
      .filter((entry) => entry.Source === 'bookstore.delivery')
      .map((entry) => JSON.parse(entry.Detail) as BusEvent)
      .filter((detail) => detail.deliveryId === deliveryId);
  }

  /** The inbound events the stack refused for good, as `GET /_local/rejected-events` lists them. */
  async rejectedEvents(): Promise<{ reason: string; event: unknown }[]> {
    const response = await fetch(`${this.urls.awsUrl}/_local/rejected-events`);
    return ((await response.json()) as { entries: { reason: string; event: unknown }[] }).entries;
  }

  /** The states an execution entered so far, in order, from its history. */
  async statesEntered(executionArn: string): Promise<string[]> {
    const history = await this.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    return (history.events ?? []).flatMap((event) => (event.stateEnteredEventDetails?.name === undefined ? [] : [event.stateEnteredEventDetails.name]));
  }

  /** Creates a delivery with the manual partner and waits until the workflow has booked it. */
  async booked(overrides: Partial<CreateDeliveryRequest> = {}): Promise<{ deliveryId: string; jobId: string; executionArn: string }> {
    const deliveryId = deliveryIdOf(await this.create(newOrder(overrides)));
    const view = await this.viewWhen(deliveryId, 'booked', (v) => (v.partner?.jobId ?? null) !== null);
    return { deliveryId, jobId: view.partner?.jobId ?? '', executionArn: view.executionArn ?? '' };
  }

  /** Waits until the execution has ended; its description, through the real Step Functions client. */
  executionEnded(executionArn: string): Promise<DescribeExecutionCommandOutput> {
    return eventually(`${executionArn} to end`, async () => {
      const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    });
  }

  /** Waits until the delivery's view satisfies `test`; the view. */
  async viewWhen(deliveryId: string, what: string, test: (view: DeliveryView) => boolean): Promise<DeliveryView> {
    return eventually(`${deliveryId} ${what}`, async () => {
      const { status, body } = await this.get(deliveryId);
      return status === 200 && test(body as DeliveryView) ? (body as DeliveryView) : undefined;
    });
  }
}
