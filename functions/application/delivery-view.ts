import type { Delivery } from '#domain/delivery.ts';

/** The fields of a delivery the API shows (contract §3): no personal data. */
export type DeliveryViewSource = Pick<
  Delivery,
  'deliveryId' | 'orderId' | 'status' | 'holdReason' | 'attemptCount' | 'maxAttempts' | 'partner' | 'promisedBy' | 'version' | 'createdAt' | 'updatedAt'
>;

/** The delivery view of contract §3. */
export interface DeliveryView extends DeliveryViewSource {
  readonly executionArn: string;
}

/** The ARN of the execution named `deliveryId` on the state machine `stateMachineArn`. */
export const executionArnOf = (stateMachineArn: string, deliveryId: string): string =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${deliveryId}`;

/** The view of a delivery (or of its listing summary). */
export const toView = (delivery: DeliveryViewSource, stateMachineArn: string): DeliveryView => ({
  deliveryId: delivery.deliveryId,
  orderId: delivery.orderId,
  status: delivery.status,
  holdReason: delivery.holdReason,
  attemptCount: delivery.attemptCount,
  maxAttempts: delivery.maxAttempts,
  partner: delivery.partner,
  promisedBy: delivery.promisedBy,
  executionArn: executionArnOf(stateMachineArn, delivery.deliveryId),
  version: delivery.version,
  createdAt: delivery.createdAt,
  updatedAt: delivery.updatedAt,
});
