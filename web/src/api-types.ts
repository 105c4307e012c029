/**
 * What the dashboard reads of the API: the shapes the server writes (contract §3 and the operator routes
 * `/holds` and `…/timeline`), imported as types only, so that nothing of the server is bundled.
 */
import type { errorBody } from '#http/responses.ts';

export type { DeliveryView, HoldSummary, OperatorTimeline, PartnerScan as TimelineScan, TimelineEvent, WorkflowState } from '#application/operator-views.ts';

/** The error body of contract §3. */
export type ErrorBody = ReturnType<typeof errorBody>;
