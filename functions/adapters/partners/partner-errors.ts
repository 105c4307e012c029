/**
 * A partner call that may succeed if tried again: a timeout, a dropped connection, a 5xx or a 429.
 * The client retries these; once its attempts are spent, the error reaches the caller.
 */
export class PartnerUnavailableError extends Error {
  override readonly name = 'PartnerUnavailableError';
  constructor(
    readonly partnerId: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`partner ${partnerId} unavailable: ${message}`, options);
  }
}

/** A partner answered with something our contract with it does not allow (garbage, a wrong shape, an unexpected status). */
export class PartnerProtocolError extends Error {
  override readonly name = 'PartnerProtocolError';
  constructor(
    readonly partnerId: string,
    message: string,
  ) {
    super(`partner ${partnerId} broke its API contract: ${message}`);
  }
}

/** The partner's circuit is open: recent calls kept failing, so this one is not made. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(
    readonly partnerId: string,
    readonly openUntil: Date,
  ) {
    super(`partner ${partnerId} circuit open until ${openUntil.toISOString()}`);
  }
}
