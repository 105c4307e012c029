import { Duration } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '#adapters/event-entries.ts';
import { ORDER_EVENTS_SOURCE } from '#schemas/order-events.ts';

/** Properties of {@link DeliveryBus}. */
export interface DeliveryBusProps {
  /**
   * The bus's name (contract §5).
   * @default 'bookstore-delivery'
   */
  readonly busName?: string;
  /**
   * How long the archive keeps events for replay.
   * @default Duration.days(365)
   */
  readonly archiveRetention?: Duration;
}

/**
 * The bus the service publishes its domain events on and receives `OrderPaid`/`OrderCancelled` from,
 * with an archive of both so that a subscriber can be replayed what it missed.
 */
export class DeliveryBus extends Construct {
  /** The bus. */
  public readonly bus: EventBus;

  constructor(scope: Construct, id: string, props: DeliveryBusProps = {}) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: props.busName ?? 'bookstore-delivery',
      description: 'Domain events of deliveries (bookstore.delivery) and the order events they start from (bookstore.orders)',
    });
    this.bus.archive('Archive', {
      description: 'Every delivery and order event, for replay',
      eventPattern: { source: [EVENT_SOURCE, ORDER_EVENTS_SOURCE] },
      retention: props.archiveRetention ?? Duration.days(365),
    });
  }
}
