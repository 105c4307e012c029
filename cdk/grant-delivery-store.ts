import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { deliveryTableDefinition } from '#adapters/delivery-store/table-definition.ts';

/**
 * What `DeliveryRepository` does with the table: reads items (a delivery and a marker together in one
 * batch) and partitions, and commits with conditional writes.
 */
const REPOSITORY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * Lets `grantee` use the delivery store through `DeliveryRepository`: exactly the actions it calls, on
 * the table and, for `listByStatus`, on the `byStatus` index alone. No scans, deletes or other indexes.
 */
export const grantDeliveryStore = (table: ITable, grantee: IGrantable, options: { readonly listByStatus?: boolean } = {}): void => {
  Grant.addToPrincipal({ grantee, actions: REPOSITORY_ACTIONS, resourceArns: [table.tableArn] });
  if (options.listByStatus === true) {
    Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: [`${table.tableArn}/index/${deliveryTableDefinition.statusIndex.name}`],
    });
  }
};
