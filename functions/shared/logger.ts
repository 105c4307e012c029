import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The service's structured logger. Log ids, statuses and codes only: never a request body, a customer,
 * an address, an email or a phone number.
 */
export const logger = new Logger({ serviceName: 'delivery-lifecycle' });
