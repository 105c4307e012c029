/** The domain events a delivery publishes (contract §2 and §5); each is an EventBridge `detail-type`. */
export const DeliveryEventType = {
  DeliveryCreated: 'DeliveryCreated',
  DeliveryDispatchRequested: 'DeliveryDispatchRequested',
  DeliveryPartnerAssigned: 'DeliveryPartnerAssigned',
  DeliveryDispatchFailed: 'DeliveryDispatchFailed',
  DeliveryPutOnHold: 'DeliveryPutOnHold',
  DeliveryHoldReleased: 'DeliveryHoldReleased',
  DeliveryHandedOver: 'DeliveryHandedOver',
  DeliveryOutForDelivery: 'DeliveryOutForDelivery',
  DeliveryAttemptFailed: 'DeliveryAttemptFailed',
  DeliveryAvailableForPickup: 'DeliveryAvailableForPickup',
  DeliveryDelivered: 'DeliveryDelivered',
  DeliveryDelayed: 'DeliveryDelayed',
  DeliveryReturnInitiated: 'DeliveryReturnInitiated',
  DeliveryReturned: 'DeliveryReturned',
  DeliveryLost: 'DeliveryLost',
  DeliveryCancellationRequested: 'DeliveryCancellationRequested',
  DeliveryCancellationRejected: 'DeliveryCancellationRejected',
  DeliveryCancelled: 'DeliveryCancelled',
  DeliveryPartnerReassigned: 'DeliveryPartnerReassigned',
  DeliveryFailed: 'DeliveryFailed',
  DeliverySlaBreached: 'DeliverySlaBreached',
  DeliveryAnomalyDetected: 'DeliveryAnomalyDetected',
} as const;

/** A domain event name. */
export type DeliveryEventType = (typeof DeliveryEventType)[keyof typeof DeliveryEventType];

/** All domain event names. */
export const DELIVERY_EVENT_TYPES = Object.values(DeliveryEventType) as readonly DeliveryEventType[];

/** Who caused an event (contract §5). */
export const EventSource = {
  CUSTOMER: 'CUSTOMER',
  PARTNER: 'PARTNER',
  OPERATOR: 'OPERATOR',
  TIMER: 'TIMER',
  SYSTEM: 'SYSTEM',
} as const;

/** The `source` of an event. */
export type EventSource = (typeof EventSource)[keyof typeof EventSource];

/** All event sources. */
export const EVENT_SOURCES = Object.values(EventSource) as readonly EventSource[];

/** The current `schemaVersion` of every event detail. */
export const EVENT_SCHEMA_VERSION = 1;
