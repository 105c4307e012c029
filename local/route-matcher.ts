import { API_ROUTES, WEBHOOK_ROUTE, type RouteSpec } from '../cdk/api-routes.ts';

/** Which handler answers a route: the API's, or the partner webhooks'. */
export type RouteTarget = 'api' | 'webhook';

/** A request matched to a route of the deployed API. */
export interface MatchedRoute {
  /** The route's resource as API Gateway names it, e.g. `/deliveries/{deliveryId}`. */
  readonly resource: string;
  readonly pathParameters: Record<string, string> | null;
  readonly spec: RouteSpec;
  readonly target: RouteTarget;
}

interface CompiledRoute {
  readonly method: string;
  readonly resource: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly spec: RouteSpec;
  readonly target: RouteTarget;
}

const compile = (key: string, spec: RouteSpec, target: RouteTarget): CompiledRoute => {
  const [method = '', resource = ''] = key.split(' ');
  const names = [...resource.matchAll(/\{([A-Za-z]+)\}/g)].map(([, name]) => name ?? '');
  const pattern = new RegExp(`^${resource.replace(/\{[A-Za-z]+\}/g, '([^/]+)')}/?$`);
  return { method, resource, pattern, names, spec, target };
};

/** The routes CDK deploys (`cdk/api-routes.ts`), so that the local API has exactly the same ones. */
const ROUTES: readonly CompiledRoute[] = [
  ...Object.entries(API_ROUTES).map(([key, spec]) => compile(key, spec, 'api')),
  compile(WEBHOOK_ROUTE, { access: 'public' }, 'webhook'),
];

const decodeSegment = (segment: string): string | null => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
};

/** The route a method and path map to, as API Gateway would match it; null for none. */
export const matchRoute = (method: string, path: string): MatchedRoute | null => {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    const values = match.slice(1).map(decodeSegment);
    if (values.includes(null)) return null;
    const pathParameters = route.names.length === 0 ? null : Object.fromEntries(route.names.map((name, index) => [name, values[index] ?? '']));
    return { resource: route.resource, pathParameters, spec: route.spec, target: route.target };
  }
  return null;
};
