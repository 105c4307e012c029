import { ResponseType, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { ErrorCode } from '#http/http-error.ts';

/**
 * The gateway's own refusals, in the error shape of contract §3. Gateway response templates only
 * substitute variables (the gateway's validation message is not JSON-safe), so a body the model refuses
 * is named as `body` and the handler's own, finer validation names fields for everything else.
 */
const GATEWAY_ERRORS: readonly { readonly type: ResponseType; readonly code: ErrorCode; readonly details?: string }[] = [
  {
    type: ResponseType.BAD_REQUEST_BODY,
    code: 'VALIDATION_FAILED',
    details: '{"field":"body","message":"does not match the JSON Schema of the request body"}',
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    code: 'VALIDATION_FAILED',
    details: '{"field":"$context.resourcePath","message":"a required path or query parameter is missing"}',
  },
  { type: ResponseType.UNAUTHORIZED, code: 'UNAUTHORIZED' },
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, code: 'UNAUTHORIZED' },
  { type: ResponseType.INVALID_SIGNATURE, code: 'UNAUTHORIZED' },
  { type: ResponseType.EXPIRED_TOKEN, code: 'UNAUTHORIZED' },
  { type: ResponseType.ACCESS_DENIED, code: 'UNAUTHORIZED' },
  { type: ResponseType.REQUEST_TOO_LARGE, code: 'PAYLOAD_TOO_LARGE' },
  { type: ResponseType.DEFAULT_5XX, code: 'INTERNAL' },
];

/** Makes every refusal the gateway answers by itself speak the API's error shape. */
export const addErrorResponses = (api: RestApi): void => {
  for (const { type, code, details = '' } of GATEWAY_ERRORS) {
    api.addGatewayResponse(`${type.responseType}Response`, {
      type,
      statusCode: String(ErrorCode[code]),
      templates: { 'application/json': `{"error":{"code":"${code}","message":$context.error.messageString,"details":[${details}]}}` },
    });
  }
};
