/** Where a delivery's workflow is, as an operator sees it. */
export interface WorkflowState {
  readonly executionArn: string;
  /** `RUNNING`, `SUCCEEDED`, `FAILED`, `TIMED_OUT`, `ABORTED`, `PENDING_REDRIVE`; `UNAVAILABLE` when it could not be read. */
  readonly status: string;
  /** The state the execution last entered (a plain-English name of the definition), if any. */
  readonly currentState: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
}

/** Reads a workflow execution's state. */
export interface WorkflowInspection {
  /** The execution's state, or null when it does not exist (yet). */
  describe(executionArn: string): Promise<WorkflowState | null>;
}
