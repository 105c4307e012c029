/** The delivery domain core: statuses, commands, events, `decide` and `evolve`. No AWS imports. */
export * from './statuses.ts';
export * from './hold-reasons.ts';
export * from './partner-statuses.ts';
export * from './event-types.ts';
export * from './dispatch-failures.ts';
export * from './commands.ts';
export * from './delivery.ts';
export * from './partner-event.ts';
export * from './refusal.ts';
export * from './decision.ts';
export * from './decide.ts';
export * from './evolve.ts';
export * from './apply-decision.ts';
export * from './custody.ts';
export * from './milestones.ts';
export * from './allowed-actions.ts';
