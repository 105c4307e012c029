import type { APIGatewayProxyEvent } from 'aws-lambda';

/**
 * A request header by name, case-insensitively. API Gateway's console test sends `headers: null`
 * although the event type says otherwise, so none is read as no headers.
 */
export const headerOf = (event: APIGatewayProxyEvent, name: string): string | undefined => {
  const headers = event.headers as APIGatewayProxyEvent['headers'] | null;
  const wanted = name.toLowerCase();
  return Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === wanted)?.[1];
};
