import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DeliveryTable } from './constructs/delivery-table.ts';

/** Properties of {@link DeliveryStack}. */
export interface DeliveryStackProps extends StackProps {
  /**
   * The delivery table's physical name.
   * @default a name CloudFormation generates
   */
  readonly tableName?: string;
}

/** The delivery lifecycle service. Wiring only: each concern is a construct of its own. */
export class DeliveryStack extends Stack {
  /** Where deliveries, their history and the outbox live. */
  public readonly deliveries: DeliveryTable;

  constructor(scope: Construct, id: string, props: DeliveryStackProps = {}) {
    super(scope, id, props);
    this.deliveries = new DeliveryTable(this, 'Deliveries', props.tableName === undefined ? {} : { tableName: props.tableName });
    new CfnOutput(this, 'DeliveryTableName', { value: this.deliveries.table.tableName });
  }
}
