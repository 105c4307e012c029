import { SANDBOX_SCENARIOS, type SandboxMisbehaviour, type SandboxScenario } from './sandbox-partner.ts';

/** A row of the demo: a scenario, played straight or misbehaving. */
interface DemoRow {
  readonly label: string;
  readonly scenario: SandboxScenario;
  readonly misbehaviours: readonly SandboxMisbehaviour[];
}

/** One delivery per scenario, and the happy path again with duplicated, shuffled and late webhooks. */
const DEMO_ROWS: readonly DemoRow[] = [
  ...(Object.keys(SANDBOX_SCENARIOS) as SandboxScenario[]).map((scenario) => ({ label: scenario, scenario, misbehaviours: [] })),
  { label: 'misbehaving', scenario: 'delivered', misbehaviours: ['dup', 'shuffle', 'late'] },
];

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** The local API. */
  readonly apiUrl: string;
  /** Where the timelines are drawn (the terminal). */
  readonly draw: (screen: string) => void;
  /** How often the timelines are read again. */
  readonly intervalMs: number;
  /** When to stop watching, if some delivery never settles. */
  readonly timeoutMs: number;
}

/** One delivery of the demo, as last read. */
export interface DemoDelivery {
  /** The scenario, or `misbehaving` for the happy path with duplicated, shuffled and late webhooks. */
  readonly scenario: string;
  readonly orderId: string;
  readonly deliveryId: string;
  status: string;
  holdReason: string | null;
  events: string[];
}

const SETTLED = new Set(['DELIVERED', 'CANCELLED', 'RETURNED', 'LOST', 'FAILED', 'ON_HOLD']);

const request = async (url: string, post?: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(url, post === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(post) });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${post === undefined ? 'GET' : 'POST'} ${url} answered ${String(response.status)}: ${JSON.stringify(body)}`);
  return body;
};

const orderFor = ({ scenario, misbehaviours }: DemoRow, run: string): Record<string, unknown> => ({
  orderId: `ord-demo-${run}${misbehaviours.map((misbehaviour) => `_${misbehaviour}`).join('')}${scenario === 'delivered' ? '' : `-${scenario}`}`,
  customer: { name: 'Demo Customer' },
  address: { line1: '1 Demo Street', city: 'London', postalCode: 'N1 9GU', country: 'GB' },
  items: [{ sku: '978-0262033848', title: 'Introduction to Algorithms', quantity: 1 }],
  partnerId: 'sandbox',
});

/** The screen: one line a delivery, its status and its timeline of events. */
export const screenOf = (deliveries: readonly DemoDelivery[], elapsedMs: number): string =>
  [
    `Deliveries driven by the sandbox partner (${String(Math.round(elapsedMs / 1000))} s)`,
    '',
    ...deliveries.map(
      (delivery) =>
        `${delivery.scenario.padEnd(13)} ${(delivery.holdReason === null ? delivery.status : `${delivery.status}(${delivery.holdReason})`).padEnd(22)} ${delivery.events.map((type) => type.replace(/^Delivery/, '')).join(' → ')}`,
    ),
  ].join('\n');

/**
 * `npm run demo`: creates one delivery per sandbox scenario through the local API (and one whose
 * webhooks come twice, out of order and late), then redraws their
 * timelines until each has settled (ended, or on hold for an operator) or `timeoutMs` passed.
 */
export const runDemo = async (options: DemoOptions): Promise<DemoDelivery[]> => {
  const run = Date.now().toString(36);
  const deliveries: DemoDelivery[] = [];
  for (const row of DEMO_ROWS) {
    const body = orderFor(row, run);
    const created = await request(`${options.apiUrl}/deliveries`, body);
    deliveries.push({ scenario: row.label, orderId: String(body['orderId']), deliveryId: String(created['deliveryId']), status: String(created['status']), holdReason: null, events: [] });
  }
  const started = Date.now();
  for (;;) {
    for (const delivery of deliveries) {
      const view = await request(`${options.apiUrl}/deliveries/${delivery.deliveryId}`);
      delivery.status = String(view['status']);
      delivery.holdReason = typeof view['holdReason'] === 'string' ? view['holdReason'] : null;
      const { events } = (await request(`${options.apiUrl}/deliveries/${delivery.deliveryId}/events`)) as { events: { type: string }[] };
      delivery.events = events.map((event) => event.type);
    }
    options.draw(screenOf(deliveries, Date.now() - started));
    if (deliveries.every((delivery) => SETTLED.has(delivery.status)) || Date.now() - started > options.timeoutMs) return deliveries;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
};
