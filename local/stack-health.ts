/** How one part of the local stack is: up, or down and why. */
export type PartHealth = { readonly status: 'up' } | { readonly status: 'down'; readonly reason: string };

/** The parts of the local stack `GET /health` reports, each by name with the probe that tells how it is. */
export type HealthProbes = Readonly<Record<string, () => PartHealth>>;

/** `GET /health` as the local stack answers it: the status and the JSON body. */
export interface HealthReply {
  readonly statusCode: number;
  readonly body: string;
}

/**
 * `GET /health` with each part listed: 200 `{"status":"ok","parts":{…}}` while every part is up (the
 * `status` of contract §3, kept for callers that read only that), 503 `{"status":"unavailable",…}` when
 * one is down, its `reason` saying why.
 */
export const healthReply = (probes: HealthProbes): HealthReply => {
  const parts = Object.fromEntries(Object.entries(probes).map(([name, probe]) => [name, probe()]));
  const allUp = Object.values(parts).every((part) => part.status === 'up');
  return { statusCode: allUp ? 200 : 503, body: JSON.stringify({ status: allUp ? 'ok' : 'unavailable', parts }) };
};
