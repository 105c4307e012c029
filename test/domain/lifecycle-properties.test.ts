/**
 * Property-based tests of the delivery lifecycle (contract §2 and §5) over random command sequences.
 *
 * A scenario is a create (with a generated clock start, optional `promisedBy` and partner preference)
 * followed by 0–40 random commands: dispatches, booking replies (ACCEPTED/REQUESTED, partners `manual`,
 * `sandbox`, `acme`, jobs `job-1..3`, so they sometimes hit the current job and sometimes a superseded or
 * unknown one), booking failures, partner events (the whole vocabulary plus an unknown status; newer,
 * equal and older `occurredAt`; random `actionRequired`; `reason` sometimes a hold reason), cancels,
 * cancellation replies, every operator action (with and without `partnerId`), every timer, clock jumps,
 * and "forward" steps that pick, when they run, a command likely to move the delivery on from its current
 * status (so that deep statuses such as ATTEMPT_FAILED, RETURNING, RETURNED are reached often).
 * Each command goes through `decide`; a refused one is skipped and the old state kept. Every state and
 * decision is deep-frozen, so a decide/evolve that mutated its input would throw and fail the property.
 *
 * Run sizes: 6 properties × NUM_RUNS = 5000 scenarios each (30,000 scenarios per file run). A scenario
 * is 1–41 commands (create + 0–40, about 20 on average), so each property decides ≈ 100,000 commands
 * (≈ 45,000 accepted, the rest refused) and the file ≈ 600,000. The file runs in about 10 s.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDecision,
  decide,
  evolve,
  factsOf,
  replay,
  type Command,
  type Decision,
  type DeliveryEventType,
  type DeliveryStatus,
  type Delivery,
  type HistoryEntry,
  type OperatorAction,
  type TimerKind,
} from '#domain/index.ts';
import { domainEventSchema, type DomainEvent } from '#schemas/event-envelope.ts';
import {
  booking,
  bookingFailure,
  cancel,
  cancellationReply,
  create,
  dispatch,
  operator,
  partner,
  timer,
} from '#test/support/commands.ts';
import { deterministicDeps } from '#test/support/deterministic-deps.ts';

const NUM_RUNS = 5000;
const MAX_COMMANDS = 40;
/** Generous per-test limit (not an assertion): the whole file runs in a few seconds. */
const TEST_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------------
// The contract, written out from CONTRACT.md §2 (not from the domain code).
// ---------------------------------------------------------------------------------------------------

const ACTIVE: readonly DeliveryStatus[] = [
  'PENDING',
  'DISPATCHING',
  'AWAITING_PICKUP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'ATTEMPT_FAILED',
  'AVAILABLE_FOR_PICKUP',
  'ON_HOLD',
  'CANCELLING',
  'RETURNING',
];
const TERMINAL: readonly DeliveryStatus[] = ['DELIVERED', 'CANCELLED', 'RETURNED', 'LOST', 'FAILED'];
const ALL_STATUSES: readonly DeliveryStatus[] = [...ACTIVE, ...TERMINAL];
/** Custody statuses proper (ON_HOLD counts too when entered from one of them; listed per row below). */
const CUSTODY: readonly DeliveryStatus[] = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'ATTEMPT_FAILED', 'AVAILABLE_FOR_PICKUP', 'RETURNING'];

const HOLD_REASONS = [
  'ADDRESS_ISSUE',
  'MAX_ATTEMPTS',
  'DAMAGED',
  'REFUSED',
  'NO_PARTNER_CAPACITY',
  'PICKUP_OVERDUE',
  'STALLED',
  'INTERCEPT_REQUESTED',
  'CANCEL_REJECTED',
  'UNCLAIMED',
  'CONFLICT',
  'UNKNOWN_PARTNER_STATUS',
  'OPERATOR',
  'EXCEPTION',
] as const;

const PARTNER_VOCABULARY = [
  'ACCEPTED',
  'REJECTED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERY_ATTEMPTED',
  'AVAILABLE_FOR_PICKUP',
  'DELIVERED',
  'DELAYED',
  'EXCEPTION',
  'RETURN_TO_SENDER',
  'RETURNED',
  'LOST',
  'DAMAGED',
  'CANCELLED',
  'CANCEL_REJECTED',
] as const;
const UNKNOWN_PARTNER_STATUS = 'TELEPORTED';

const OPERATOR_ACTIONS: readonly OperatorAction[] = [
  'HOLD',
  'RESUME',
  'REATTEMPT',
  'REASSIGN',
  'RETURN_TO_SENDER',
  'CONFIRM_RETURNED',
  'DECLARE_LOST',
  'WRITE_OFF',
  'CANCEL',
];
const TIMERS: readonly TimerKind[] = ['PICKUP_DEADLINE', 'STALL', 'CANCEL_CONFIRMATION', 'SLA'];

type Move = readonly [from: DeliveryStatus | null, to: DeliveryStatus];
const moves = (from: readonly DeliveryStatus[], to: readonly DeliveryStatus[]): Move[] => from.flatMap((f) => to.map((t): Move => [f, t]));
const stays = (statuses: readonly DeliveryStatus[]): Move[] => statuses.map((s): Move => [s, s]);

/**
 * The (fromStatus → toStatus) moves each event may make, row by row from the contract's transition
 * table. Rows with two events (e.g. "DeliveryAttemptFailed, DeliveryPutOnHold") are read as a chain
 * through the intermediate status: the second event starts where the first one ended.
 */
const ALLOWED_MOVES: Readonly<Record<DeliveryEventType, readonly Move[]>> = {
  // — | create | PENDING
  DeliveryCreated: [[null, 'PENDING']],
  // PENDING | workflow dispatch | DISPATCHING
  DeliveryDispatchRequested: moves(['PENDING'], ['DISPATCHING']),
  // DISPATCHING | partner ACCEPTED | AWAITING_PICKUP
  DeliveryPartnerAssigned: moves(['DISPATCHING'], ['AWAITING_PICKUP']),
  // DISPATCHING | REJECTED / booking error | DISPATCHING (next partner; + PutOnHold when none left)
  // DISPATCHING, AWAITING_PICKUP | CANCELLED (partner dropped the job unasked) | DISPATCHING
  DeliveryDispatchFailed: moves(['DISPATCHING', 'AWAITING_PICKUP'], ['DISPATCHING']),
  // any active | operator HOLD, EXCEPTION(actionRequired), DAMAGED, unknown status, timers, second
  // event of the compound rows … | ON_HOLD
  DeliveryPutOnHold: moves(ACTIVE, ['ON_HOLD']),
  // ON_HOLD | RESUME | the status implied by the latest partner milestone (or none yet)
  // ON_HOLD with custody | REATTEMPT | IN_TRANSIT
  DeliveryHoldReleased: moves(
    ['ON_HOLD'],
    ['PENDING', 'DISPATCHING', 'AWAITING_PICKUP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'ATTEMPT_FAILED', 'AVAILABLE_FOR_PICKUP', 'RETURNING'],
  ),
  // AWAITING_PICKUP | PICKED_UP or IN_TRANSIT (or skipped before OUT_FOR_DELIVERY) | IN_TRANSIT
  DeliveryHandedOver: moves(['AWAITING_PICKUP'], ['IN_TRANSIT']),
  // AWAITING_PICKUP, IN_TRANSIT, ATTEMPT_FAILED | OUT_FOR_DELIVERY | OUT_FOR_DELIVERY
  DeliveryOutForDelivery: moves(['AWAITING_PICKUP', 'IN_TRANSIT', 'ATTEMPT_FAILED'], ['OUT_FOR_DELIVERY']),
  // OUT_FOR_DELIVERY | DELIVERY_ATTEMPTED | ATTEMPT_FAILED (then PutOnHold when reaching maxAttempts)
  DeliveryAttemptFailed: moves(['OUT_FOR_DELIVERY'], ['ATTEMPT_FAILED']),
  // IN_TRANSIT, OUT_FOR_DELIVERY, ATTEMPT_FAILED | AVAILABLE_FOR_PICKUP | AVAILABLE_FOR_PICKUP
  DeliveryAvailableForPickup: moves(['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'ATTEMPT_FAILED'], ['AVAILABLE_FOR_PICKUP']),
  // any custody status, AWAITING_PICKUP, ON_HOLD | DELIVERED | DELIVERED
  DeliveryDelivered: moves([...CUSTODY, 'AWAITING_PICKUP', 'ON_HOLD'], ['DELIVERED']),
  // any active | DELAYED, EXCEPTION without action | unchanged
  DeliveryDelayed: stays(ACTIVE),
  // custody statuses, ON_HOLD | RETURN_TO_SENDER (partner or operator) | RETURNING
  DeliveryReturnInitiated: moves([...CUSTODY, 'ON_HOLD'], ['RETURNING']),
  // RETURNING | RETURNED or CONFIRM_RETURNED | RETURNED
  DeliveryReturned: moves(['RETURNING'], ['RETURNED']),
  // custody statuses, ON_HOLD | LOST or DECLARE_LOST | LOST
  DeliveryLost: moves([...CUSTODY, 'ON_HOLD'], ['LOST']),
  // DISPATCHING, AWAITING_PICKUP, ON_HOLD without custody | cancel | CANCELLING
  // custody statuses (ON_HOLD with custody included) | cancel | (then PutOnHold INTERCEPT_REQUESTED)
  DeliveryCancellationRequested: [...moves(['DISPATCHING', 'AWAITING_PICKUP', 'ON_HOLD'], ['CANCELLING']), ...stays([...CUSTODY, 'ON_HOLD'])],
  // CANCELLING | CANCEL_REJECTED or PICKED_UP | (then PutOnHold CANCEL_REJECTED)
  DeliveryCancellationRejected: stays(['CANCELLING']),
  // PENDING | cancel | CANCELLED; CANCELLING | CANCELLED (confirmation) | CANCELLED
  DeliveryCancelled: moves(['PENDING', 'CANCELLING'], ['CANCELLED']),
  // DISPATCHING, AWAITING_PICKUP, ON_HOLD without custody | REASSIGN | DISPATCHING
  DeliveryPartnerReassigned: moves(['DISPATCHING', 'AWAITING_PICKUP', 'ON_HOLD'], ['DISPATCHING']),
  // ON_HOLD | WRITE_OFF | FAILED
  DeliveryFailed: moves(['ON_HOLD'], ['FAILED']),
  // any active | timer: promisedBy passed | unchanged
  DeliverySlaBreached: stays(ACTIVE),
  // terminal | any partner event | unchanged
  DeliveryAnomalyDetected: stays(TERMINAL),
};

/**
 * Moves the contract's table has no row for, but does not forbid either (it is silent on them), each
 * allowed here on its own line so that it stays visible:
 * - a booking reply `REQUESTED` opens a job whose acceptance comes later by webhook (§2 "partner ACCEPTED
 *   (booking reply or webhook)"; §4 answers 404 for a job no delivery knows, so the opened job must be
 *   recorded): the domain records it by re-emitting DeliveryDispatchRequested with the job, DISPATCHING →
 *   DISPATCHING. Not a status change; subscribers do see a second DeliveryDispatchRequested.
 * - a late attempt report while the courier is out again still counts (no status change);
 * - DELIVERED while CANCELLING delivers (after DeliveryCancellationRejected): the parcel has arrived.
 */
const CONTRACT_SILENT_MOVES: Readonly<Partial<Record<DeliveryEventType, readonly Move[]>>> = {
  DeliveryDispatchRequested: stays(['DISPATCHING']),
  // A late attempt report (older than the high-water mark) while the courier is out again counts the
  // attempt without moving the status back.
  DeliveryAttemptFailed: stays(['OUT_FOR_DELIVERY', 'ATTEMPT_FAILED']),
  // DELIVERED while CANCELLING: the cancellation came too late (DeliveryCancellationRejected first).
  DeliveryDelivered: moves(['CANCELLING'], ['DELIVERED']),
};

/** The one row that changes the status with no event: ATTEMPT_FAILED | IN_TRANSIT | IN_TRANSIT | —. */
const EVENTLESS_MOVES: readonly (readonly [from: DeliveryStatus, partnerStatus: string, to: DeliveryStatus])[] = [
  ['ATTEMPT_FAILED', 'IN_TRANSIT', 'IN_TRANSIT'],
];

const isTerminal = (status: DeliveryStatus): boolean => TERMINAL.includes(status);

// ---------------------------------------------------------------------------------------------------
// Scenarios: what to generate, and how to run it through decide.
// ---------------------------------------------------------------------------------------------------

const PARTNERS = ['manual', 'sandbox', 'acme'] as const;
const JOBS = ['job-1', 'job-2', 'job-3'] as const;
type PartnerId = (typeof PARTNERS)[number];
type JobId = (typeof JOBS)[number];

/** `current` resolves, when the step runs, to the delivery's current partner (and job). */
type PartnerChoice = 'current' | PartnerId;
type JobTarget = { readonly kind: 'current' } | { readonly kind: 'fixed'; readonly partnerId: PartnerId; readonly jobId: JobId };
/** `occurredAt` relative to the newest partner time generated so far. */
type PartnerTime =
  | { readonly kind: 'newer'; readonly minutes: number }
  | { readonly kind: 'same' }
  | { readonly kind: 'older'; readonly minutes: number };

type StepKind =
  | { readonly kind: 'dispatch'; readonly candidates: readonly PartnerId[] }
  | { readonly kind: 'booking'; readonly partner: PartnerChoice; readonly jobId: JobId; readonly outcome: 'ACCEPTED' | 'REQUESTED' }
  | { readonly kind: 'bookingFailure'; readonly partner: PartnerChoice }
  | {
      readonly kind: 'partner';
      readonly status: string;
      readonly target: JobTarget;
      readonly time: PartnerTime;
      readonly actionRequired: boolean;
      readonly reason: string | null;
    }
  | { readonly kind: 'cancel' }
  | { readonly kind: 'cancellationReply'; readonly outcome: 'CONFIRMED' | 'REJECTED' }
  | { readonly kind: 'operator'; readonly action: OperatorAction; readonly partnerId: PartnerId | undefined }
  | { readonly kind: 'timer'; readonly timer: TimerKind }
  /** A command likely to move the delivery on from the status it is in when the step runs (picked by `pick`). */
  | { readonly kind: 'forward'; readonly pick: number };

type Step = StepKind & { readonly advanceSeconds: number };

interface Scenario {
  readonly start: Date;
  readonly promisedInMinutes: number | null;
  readonly preferredPartner: PartnerId | undefined;
  readonly steps: readonly Step[];
}

const partnerIdArb = fc.constantFrom(...PARTNERS);
const partnerChoiceArb: fc.Arbitrary<PartnerChoice> = fc.oneof(
  { arbitrary: fc.constant('current' as const), weight: 2 },
  { arbitrary: partnerIdArb, weight: 1 },
);
const jobTargetArb: fc.Arbitrary<JobTarget> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'current' as const }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('fixed' as const), partnerId: partnerIdArb, jobId: fc.constantFrom(...JOBS) }), weight: 2 },
);
const partnerTimeArb: fc.Arbitrary<PartnerTime> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('newer' as const), minutes: fc.integer({ min: 1, max: 240 }) }), weight: 6 },
  { arbitrary: fc.constant({ kind: 'same' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('older' as const), minutes: fc.integer({ min: 1, max: 2880 }) }), weight: 3 },
);
const reasonArb: fc.Arbitrary<string | null> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...HOLD_REASONS),
  fc.constantFrom('RECIPIENT_UNAVAILABLE', 'WEATHER', 'SORTING_CENTRE_BACKLOG'),
);

const stepKindArb: fc.Arbitrary<StepKind> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('dispatch' as const), candidates: fc.shuffledSubarray([...PARTNERS], { minLength: 1 }) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('booking' as const),
      partner: partnerChoiceArb,
      jobId: fc.constantFrom(...JOBS),
      outcome: fc.constantFrom('ACCEPTED' as const, 'REQUESTED' as const),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('bookingFailure' as const), partner: partnerChoiceArb }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('partner' as const),
      status: fc.constantFrom<string>(...PARTNER_VOCABULARY, UNKNOWN_PARTNER_STATUS),
      target: jobTargetArb,
      time: partnerTimeArb,
      actionRequired: fc.boolean(),
      reason: reasonArb,
    }),
    weight: 12,
  },
  { arbitrary: fc.constant({ kind: 'cancel' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cancellationReply' as const), outcome: fc.constantFrom('CONFIRMED' as const, 'REJECTED' as const) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('operator' as const),
      action: fc.constantFrom(...OPERATOR_ACTIONS),
      partnerId: fc.option(partnerIdArb, { nil: undefined }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('timer' as const), timer: fc.constantFrom(...TIMERS) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('forward' as const), pick: fc.nat({ max: 999 }) }), weight: 10 },
);

const advanceArb = fc.oneof(
  { arbitrary: fc.constant(0), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 3_600 }), weight: 2 },
  { arbitrary: fc.integer({ min: 3_600, max: 6 * 86_400 }), weight: 1 },
);
const stepArb: fc.Arbitrary<Step> = fc.tuple(stepKindArb, advanceArb).map(([kind, advanceSeconds]) => ({ ...kind, advanceSeconds }));

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  start: fc.date({ min: new Date('2024-01-01T00:00:00.000Z'), max: new Date('2030-12-31T00:00:00.000Z'), noInvalidDate: true }),
  promisedInMinutes: fc.option(fc.integer({ min: -60, max: 14 * 24 * 60 }), { nil: null }),
  preferredPartner: fc.option(partnerIdArb, { nil: undefined }),
  steps: fc.array(stepArb, { maxLength: MAX_COMMANDS, size: 'max' }),
});

/**
 * `expect(actual).toBe(expected)`, evaluated only when the two differ: vitest's `expect` costs ~10 µs a
 * call, which would dominate hundreds of thousands of checks per property; failures read the same.
 */
const expectSame = <T>(actual: T, expected: T, message?: string): void => {
  if (!Object.is(actual, expected)) expect(actual, message).toBe(expected);
};
const expectTrue = (condition: boolean, message: string): void => {
  expectSame(condition, true, message);
};

/** Freezes a value and everything it holds, so that any mutation by decide or evolve throws. */
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** One accepted command. */
interface Commit {
  readonly before: Delivery | null;
  readonly command: Command;
  readonly decision: Decision;
  readonly after: Delivery;
}

interface Trace {
  readonly commits: readonly Commit[];
  readonly final: Delivery;
  /** Every committed fact with the version of its commit, as a repository stores them. */
  readonly history: readonly HistoryEntry[];
}

const minutes = (n: number): number => n * 60_000;

/** Runs a scenario through decide/applyDecision; a refused command is skipped and must change nothing. */
const runScenario = (scenario: Scenario): Trace => {
  const deps = deterministicDeps(scenario.start.toISOString());
  const startMillis = scenario.start.getTime();
  let partnerClock = startMillis;
  const promisedBy = scenario.promisedInMinutes === null ? undefined : new Date(startMillis + minutes(scenario.promisedInMinutes)).toISOString();

  const toCommand = (step: Step, state: Delivery): Command => {
    const currentPartner = state.partner?.id ?? 'manual';
    const pick = (choice: PartnerChoice): string => (choice === 'current' ? currentPartner : choice);
    switch (step.kind) {
      case 'dispatch': {
        const [first, ...rest] = step.candidates;
        return dispatch(first ?? 'manual', ...rest);
      }
      case 'booking':
        return booking(pick(step.partner), step.jobId, step.outcome);
      case 'bookingFailure':
        return bookingFailure(pick(step.partner));
      case 'partner': {
        if (step.time.kind === 'newer') partnerClock += minutes(step.time.minutes);
        const occurredAt = new Date(step.time.kind === 'older' ? partnerClock - minutes(step.time.minutes) : partnerClock).toISOString();
        const target =
          step.target.kind === 'current'
            ? { partnerId: currentPartner, jobId: state.partner?.jobId ?? 'job-1' }
            : { partnerId: step.target.partnerId, jobId: step.target.jobId };
        return partner(step.status, {
          ...target,
          occurredAt,
          actionRequired: step.actionRequired,
          ...(step.reason === null ? {} : { reason: step.reason }),
        });
      }
      case 'cancel':
        return cancel();
      case 'cancellationReply':
        return cancellationReply(step.outcome);
      case 'operator':
        return operator(step.action, step.partnerId);
      case 'timer':
        return timer(step.timer);
      case 'forward': {
        const options = forwardOptions(state, step.pick);
        const chosen = options[step.pick % options.length];
        if (chosen === undefined) throw new Error(`no forward command for ${state.status}`);
        return chosen();
      }
    }
  };

  /** Commands that usually move a delivery on from its status (a newer event of the current job, …). */
  const forwardOptions = (state: Delivery, pick: number): (() => Command)[] => {
    const current = { partnerId: state.partner?.id ?? 'manual', jobId: state.partner?.jobId ?? 'job-1' };
    const newer = (status: string) => (): Command => {
      partnerClock += minutes(1 + (pick % 90));
      return partner(status, { ...current, occurredAt: new Date(partnerClock).toISOString() });
    };
    const rotated = [...PARTNERS.slice(pick % PARTNERS.length), ...PARTNERS.slice(0, pick % PARTNERS.length)];
    const job = JOBS[Math.floor(pick / 7) % JOBS.length] ?? 'job-1';
    switch (state.status) {
      case 'PENDING':
        return [() => dispatch(rotated[0] ?? 'manual', ...rotated.slice(1, 1 + (pick % 3)))];
      case 'DISPATCHING':
        return state.partner?.jobId == null
          ? [
              () => booking(current.partnerId, job, 'ACCEPTED'),
              () => booking(current.partnerId, job, 'ACCEPTED'),
              () => booking(current.partnerId, job, 'REQUESTED'),
              () => bookingFailure(current.partnerId),
            ]
          : [newer('ACCEPTED'), newer('ACCEPTED'), newer('REJECTED'), newer('CANCELLED')];
      case 'AWAITING_PICKUP':
        return [newer('PICKED_UP'), newer('IN_TRANSIT'), newer('OUT_FOR_DELIVERY'), newer('CANCELLED')];
      case 'IN_TRANSIT':
        return [newer('OUT_FOR_DELIVERY'), newer('OUT_FOR_DELIVERY'), newer('AVAILABLE_FOR_PICKUP'), newer('RETURN_TO_SENDER'), newer('IN_TRANSIT')];
      case 'OUT_FOR_DELIVERY':
        return [newer('DELIVERY_ATTEMPTED'), newer('DELIVERY_ATTEMPTED'), newer('DELIVERY_ATTEMPTED'), newer('DELIVERED'), newer('AVAILABLE_FOR_PICKUP')];
      case 'ATTEMPT_FAILED':
        return [newer('OUT_FOR_DELIVERY'), newer('OUT_FOR_DELIVERY'), newer('IN_TRANSIT'), newer('AVAILABLE_FOR_PICKUP')];
      case 'AVAILABLE_FOR_PICKUP':
        return [newer('DELIVERED'), newer('RETURN_TO_SENDER')];
      case 'ON_HOLD':
        return [
          () => operator('RESUME'),
          () => operator('REATTEMPT'),
          () => operator('REASSIGN', rotated[0]),
          () => operator('REASSIGN'),
          () => operator('RETURN_TO_SENDER'),
        ];
      case 'CANCELLING':
        return [() => cancellationReply('CONFIRMED'), () => cancellationReply('REJECTED'), newer('CANCELLED'), newer('PICKED_UP')];
      case 'RETURNING':
        return [newer('RETURNED'), () => operator('CONFIRM_RETURNED')];
      case 'DELIVERED':
      case 'CANCELLED':
      case 'RETURNED':
      case 'LOST':
      case 'FAILED':
        return PARTNER_VOCABULARY.map((status) => newer(status));
    }
  };

  const commits: Commit[] = [];
  const history: HistoryEntry[] = [];
  const commit = (before: Delivery | null, command: Command): Delivery | null => {
    let result;
    try {
      result = deepFreeze(decide(before, command, deps));
    } catch (error) {
      throw new Error(`decide threw on ${command.type} in ${before?.status ?? 'no delivery'}: ${String(error)}`, { cause: error });
    }
    if (!result.ok) {
      // A refusal changes nothing: the (deep-frozen) state is kept as it is.
      expectSame(result.refusal.status, before?.status ?? null, `refusal of ${command.type}`);
      return before;
    }
    const after = deepFreeze(applyDecision(before, result.decision));
    commits.push({ before, command, decision: result.decision, after });
    for (const fact of factsOf(result.decision)) history.push({ version: after.version, fact });
    return after;
  };

  const created = commit(null, create({ promisedBy, partnerId: scenario.preferredPartner }));
  if (created === null) throw new Error('create was refused');
  let state: Delivery = created;
  for (const step of scenario.steps) {
    deps.advance(step.advanceSeconds);
    const next = commit(state, toCommand(step, state));
    if (next === null) throw new Error('a commit lost the delivery');
    state = next;
  }
  return { commits, final: state, history };
};

const eventsOf = (trace: Trace): DomainEvent[] => trace.commits.flatMap((c) => c.decision.events);

const check = (predicate: (trace: Trace) => void): void => {
  fc.assert(
    fc.property(scenarioArb, (scenario) => {
      predicate(runScenario(scenario));
    }),
    { numRuns: NUM_RUNS },
  );
};

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

describe('delivery lifecycle properties (random command sequences)', () => {
  it('1. a terminal status never changes; after it only DeliveryAnomalyDetected is emitted', () => {
    check(({ commits }) => {
      let terminal: DeliveryStatus | null = null;
      for (const { decision, after } of commits) {
        if (terminal !== null) {
          expectSame(after.status, terminal, 'status after a terminal one');
          for (const event of decision.events) {
            expectSame(event.type, 'DeliveryAnomalyDetected', `event after ${terminal}`);
            expectSame(event.fromStatus, terminal, `${event.type}.fromStatus`);
            expectSame(event.toStatus, terminal, `${event.type}.toStatus`);
          }
        } else if (isTerminal(after.status)) {
          terminal = after.status;
        }
      }
    });
  }, TEST_TIMEOUT_MS);

  it('2. sequence is gapless from 1 and never repeats, every event matches its schema, and each fromStatus chains from the previous toStatus', () => {
    check(({ commits }) => {
      let sequence = 0;
      const eventIds = new Set<string>();
      /** The previous event's toStatus (moved only by the contract's event-less row). */
      let previousTo: DeliveryStatus | null = null;
      for (const { before, decision, after } of commits) {
        const afterPartnerEvent = decision.partnerEvent && before ? evolve(before, decision.partnerEvent) : before;
        if (afterPartnerEvent && afterPartnerEvent.status !== previousTo) {
          // Only an event-less status change (checked against the table in property 5) may sit between events.
          expectTrue(decision.partnerEvent !== null, `status moved ${String(previousTo)} → ${afterPartnerEvent.status} between events`);
          previousTo = afterPartnerEvent.status;
        }
        for (const event of decision.events) {
          sequence += 1;
          expectSame(event.sequence, sequence, `sequence of ${event.type}`);
          expect(domainEventSchema.parse(event)).toEqual(event);
          expectTrue(!eventIds.has(event.eventId), `eventId ${event.eventId} repeated`);
          eventIds.add(event.eventId);
          expectSame(event.fromStatus, previousTo, `fromStatus of ${event.type} #${event.sequence}`);
          previousTo = event.toStatus;
        }
        expectSame(after.lastSequence, sequence, 'lastSequence');
        expectSame(after.status, previousTo, 'status after the last event');
      }
    });
  }, TEST_TIMEOUT_MS);

  it('3. status, hold reason, attempts and version are always consistent (reaching maxAttempts always holds)', () => {
    check(({ commits }) => {
      commits.forEach(({ before, after }, index) => {
        expectTrue(ALL_STATUSES.includes(after.status), `status ${after.status} is in the contract`);
        if (after.status === 'ON_HOLD') {
          expectTrue((HOLD_REASONS as readonly (string | null)[]).includes(after.holdReason), `hold reason ${String(after.holdReason)} while ON_HOLD`);
        } else {
          expectSame(after.holdReason, null, `holdReason while ${after.status}`);
        }
        expectTrue(after.attemptCount >= 0, `attemptCount ${after.attemptCount} >= 0`);
        const attempts = before?.attemptCount ?? 0;
        expectTrue(after.attemptCount >= attempts, `attemptCount never decreases (${attempts} → ${after.attemptCount})`);
        if (after.attemptCount > attempts && after.attemptCount >= after.maxAttempts) {
          // Reaching maxAttempts always holds the delivery (an operator may RESUME it, and the partner try again).
          expect([after.status, after.holdReason], `attempt ${after.attemptCount} of ${after.maxAttempts}`).toEqual(['ON_HOLD', 'MAX_ATTEMPTS']);
        }
        expectSame(after.version, index + 1, 'version = accepted commands');
      });
    });
  }, TEST_TIMEOUT_MS);

  it('4. replaying every committed fact rebuilds exactly the stored state', () => {
    check(({ final, history }) => {
      expect(replay(history)).toEqual(final);
    });
  }, TEST_TIMEOUT_MS);

  it('5. every status change is a move the contract transition table allows; nothing leaves a terminal status', () => {
    check((trace) => {
      for (const event of eventsOf(trace)) {
        const rows = [...ALLOWED_MOVES[event.type], ...(CONTRACT_SILENT_MOVES[event.type] ?? [])];
        const allowed = rows.some(([from, to]) => from === event.fromStatus && to === event.toStatus);
        expectTrue(allowed, `${event.type}: ${String(event.fromStatus)} → ${event.toStatus}`);
        if (event.fromStatus !== null && isTerminal(event.fromStatus)) {
          expectSame(event.toStatus, event.fromStatus, `${event.type} out of terminal ${event.fromStatus}`);
        }
      }
      for (const { before, decision } of trace.commits) {
        // ON_HOLD entered from a custody status is custody: cancel puts it ON_HOLD(INTERCEPT_REQUESTED)
        // instead of CANCELLING, and REASSIGN (a row for "ON_HOLD without custody") is not allowed.
        if (before?.status === 'ON_HOLD' && before.heldFrom !== null && CUSTODY.includes(before.heldFrom)) {
          for (const event of decision.events) {
            expectTrue(event.type !== 'DeliveryPartnerReassigned', `${event.type} from ON_HOLD held from ${before.heldFrom}`);
            if (event.type === 'DeliveryCancellationRequested') expectSame(event.toStatus, 'ON_HOLD', `cancel while held from ${before.heldFrom}`);
          }
        }
        const { partnerEvent } = decision;
        if (before === null || partnerEvent === null) continue;
        const moved = evolve(before, partnerEvent).status;
        if (moved !== before.status) {
          const row = EVENTLESS_MOVES.some(([from, status, to]) => from === before.status && status === partnerEvent.status && to === moved);
          expectTrue(row, `event-less ${before.status} → ${moved} on partner ${partnerEvent.status}`);
        }
      }
    });
  }, TEST_TIMEOUT_MS);

  it('6. a partner event older than the high-water mark never moves the status backwards', () => {
    /** The partner's journey, in order; a late event may only move a delivery further along it. */
    const JOURNEY: Partial<Record<DeliveryStatus, number>> = {
      AWAITING_PICKUP: 1,
      IN_TRANSIT: 2,
      OUT_FOR_DELIVERY: 3,
      ATTEMPT_FAILED: 3,
      AVAILABLE_FOR_PICKUP: 3,
    };
    const PROVEN: readonly DeliveryStatus[] = ['DELIVERED', 'RETURNED', 'CANCELLED'];
    check(({ commits }) => {
      for (const { before, command, decision, after } of commits) {
        if (before === null || command.type !== 'APPLY_PARTNER_EVENT' || before.partnerHighWater === null) continue;
        const { event } = command;
        if (Date.parse(event.occurredAt) >= Date.parse(before.partnerHighWater)) continue;
        const what = `${event.status} of ${event.partnerId}/${event.jobId} at ${event.occurredAt} < ${before.partnerHighWater}`;
        const currentJob = before.partner?.id === event.partnerId && before.partner.jobId === event.jobId;
        expectSame(after.partnerHighWater, before.partnerHighWater, `high-water mark after ${what}`);
        if (currentJob && after.status !== before.status) {
          // Only forward: to an outcome the partner proves, further along the journey, or to a hold
          // (an operator looks at it; a hold is never a move backwards).
          const from = JOURNEY[before.status];
          const to = JOURNEY[after.status];
          const forward = PROVEN.includes(after.status) || (from !== undefined && to !== undefined && to > from);
          expectTrue(forward || after.status === 'ON_HOLD', `${what} moved ${before.status} → ${after.status}`);
        } else if (currentJob) {
          // No status change: at most a late attempt counted, or a hold's reason changed while ON_HOLD.
          expectTrue(
            decision.events.every((e) => e.type === 'DeliveryAttemptFailed' || (e.type === 'DeliveryPutOnHold' && e.fromStatus === 'ON_HOLD')),
            `events of ${what}: ${decision.events.map((e) => e.type).join(', ')}`,
          );
        } else if (after.status !== before.status) {
          // A superseded job: the only change the contract makes is the custody alarm ON_HOLD(CONFLICT),
          // which is not a move backwards.
          expect([after.status, after.holdReason], what).toEqual(['ON_HOLD', 'CONFLICT']);
        }
      }
    });
  }, TEST_TIMEOUT_MS);
});
