import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { eventItem } from '#adapters/delivery-store/items.ts';
import type { DomainEvent } from '#schemas/event-envelope.ts';

let sequence = 1000;

/** The stream record DynamoDB writes when a commit inserts an event item. */
export const insertedEventRecord = (event: DomainEvent, version = 1): DynamoDBRecord => ({
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    SequenceNumber: String(++sequence),
    NewImage: marshall(eventItem(event, version), { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'],
  },
});

/** A stream record of something that is not an event: the delivery item changing. */
export const modifiedDeliveryRecord = (): DynamoDBRecord => ({
  eventName: 'MODIFY',
  eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: String(++sequence), NewImage: marshall({ pk: 'DELIVERY#x', sk: 'DELIVERY', type: 'Delivery' }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] },
});

/** The events of a delivery booked and delivered without a hitch, in order. */
export const DELIVERED_WITHOUT_A_HITCH = [
  'DeliveryCreated',
  'DeliveryDispatchRequested',
  'DeliveryPartnerAssigned',
  'DeliveryHandedOver',
  'DeliveryOutForDelivery',
  'DeliveryDelivered',
] as const;
