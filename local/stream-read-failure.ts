/** Error codes of a DynamoDB Local that does not answer: not started, killed, or gone from the network. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

/** Why reads of a stream fail, in words, with the error that said so as its `cause`. */
export class StreamReadError extends Error {
  override readonly name = 'StreamReadError';

  constructor(
    message: string,
    /** The kind of failure: the error's code or name; reads failing with the same kind are one state. */
    readonly kind: string,
    cause: unknown,
  ) {
    super(message, { cause });
  }
}

/** The code of a Node.js system error (`ECONNREFUSED`), if it is one. */
const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** What a failed read of a DynamoDB Local stream says about its cause. */
export const streamReadErrorOf = (error: unknown): StreamReadError => {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && UNREACHABLE.has(code)) {
    return new StreamReadError(`DynamoDB Local does not answer (${message}): was it stopped or killed?`, code, error);
  }
  const name = error instanceof Error ? error.name : 'Error';
  return new StreamReadError(`${name}: ${message}`, code ?? name, error);
};
