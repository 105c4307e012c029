import type { RequestBodyModel } from '#schemas/json-schemas.ts';

/** Who may call a route (contract §3): anyone, a service signing with SigV4, or a Cognito operator. */
export type RouteAccess = 'public' | 'service' | 'operator';

/** How the API exposes one route. */
export interface RouteSpec {
  readonly access: RouteAccess;
  /** The model the gateway validates the body against, if the route takes one. */
  readonly body?: RequestBodyModel;
  /** Query string parameters, and whether each is required. */
  readonly query?: Readonly<Record<string, boolean>>;
}

/**
 * The routes the API handler answers (its `ROUTES`, keyed the same way) and how the gateway guards each.
 * The partner webhook route is the webhook handler's, HMAC-checked and so open at the gateway.
 */
export const API_ROUTES: Readonly<Record<string, RouteSpec>> = {
  'GET /health': { access: 'public' },
  'POST /deliveries': { access: 'service', body: 'CreateDeliveryRequest' },
  'GET /deliveries': { access: 'operator', query: { status: true, limit: false, nextToken: false } },
  'GET /deliveries/{deliveryId}': { access: 'service' },
  'GET /deliveries/{deliveryId}/events': { access: 'service' },
  'GET /deliveries/{deliveryId}/timeline': { access: 'operator' },
  'GET /holds': { access: 'operator', query: { limit: false, nextToken: false } },
  'POST /deliveries/{deliveryId}/cancel': { access: 'service', body: 'CancelDeliveryRequest' },
  'POST /deliveries/{deliveryId}/actions': { access: 'operator', body: 'OperatorActionRequest' },
};

/** The partner webhook route. */
export const WEBHOOK_ROUTE = 'POST /webhooks/{partnerId}';
