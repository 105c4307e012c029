import type { DeliveryView, ErrorBody, HoldSummary, OperatorTimeline } from './api-types.ts';

/** The API refused the credentials: the operator must sign in (again). */
export class SignInRequired extends Error {
  override readonly name = 'SignInRequired';
}

/** An answer of the API other than success, with its contract §3 error. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The most pages of holds the list reads at once. */
export const MAX_HOLD_PAGES = 10;

/** An operator's decision, as `POST /deliveries/{id}/actions` takes it. */
export interface ActionRequest {
  readonly action: string;
  readonly reason: string;
  readonly partnerId?: string;
}

/** The operator routes the dashboard uses. */
export interface OperatorApi {
  /** The deliveries on hold, longest on hold first, up to {@link MAX_HOLD_PAGES} pages; `complete` says whether that was all of them. */
  holds(): Promise<{ holds: HoldSummary[]; complete: boolean }>;
  timeline(deliveryId: string): Promise<OperatorTimeline>;
  /** Applies an operator action under `idempotencyKey` (the same key for a retry of the same decision); the view after it. */
  act(deliveryId: string, request: ActionRequest, idempotencyKey: string): Promise<DeliveryView>;
}

const errorOf = async (response: Response): Promise<Error> => {
  if (response.status === 401) return new SignInRequired('sign in to continue');
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  const details = body?.error.details.map((detail) => `${detail.field}: ${detail.message}`).join('; ');
  const message = body?.error.message ?? `HTTP ${String(response.status)}`;
  return new ApiError(response.status, body?.error.code ?? 'UNKNOWN', details ? `${message} (${details})` : message);
};

/** The API at `apiBase`, called with `authorization`. */
export const operatorApi = (apiBase: string, authorization: string): OperatorApi => {
  const call = async <T,>(path: string, init: RequestInit = {}): Promise<T> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', authorization);
    headers.set('accept', 'application/json');
    const response = await fetch(`${apiBase}${path}`, { ...init, headers });
    if (!response.ok) throw await errorOf(response);
    return (await response.json()) as T;
  };
  return {
    async holds() {
      const holds: HoldSummary[] = [];
      let nextToken: string | null = null;
      for (let page = 0; page < MAX_HOLD_PAGES && (page === 0 || nextToken !== null); page += 1) {
        const query = new URLSearchParams({ limit: '100', ...(nextToken === null ? {} : { nextToken }) });
        const answer: { items: HoldSummary[]; nextToken: string | null } = await call(`/holds?${query.toString()}`);
        holds.push(...answer.items);
        nextToken = answer.nextToken;
      }
      return { holds, complete: nextToken === null };
    },
    timeline: (deliveryId) => call(`/deliveries/${encodeURIComponent(deliveryId)}/timeline`),
    act: (deliveryId, request, idempotencyKey) =>
      call(`/deliveries/${encodeURIComponent(deliveryId)}/actions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: JSON.stringify(request),
      }),
  };
};
