import type { ApiContext } from './api-context.ts';
import { httpHandler } from './http-handler.ts';
import { route } from './router.ts';

/**
 * The API's Lambda handler over `context`.
 *
 * @example
 * export const handler = createApiHandler({ repository, deps: systemDeps, stateMachineArn });
 */
export const createApiHandler = (context: ApiContext) => httpHandler((event) => route(event, context));
