import type { MiddlewareStack } from '@smithy/types';
import { Counters } from './counters.ts';

/** The commands that read the table, and those that write it. */
const READS = new Set(['GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** A client whose commands pass through a middleware stack: a DynamoDB client or a document client over one. */
interface WithMiddleware {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stack is shared by every command type of the client
  readonly middlewareStack: MiddlewareStack<any, any>;
}

/** Totals kept by {@link trackConsumedCapacity}. */
export const CapacityCounter = {
  /** Read units DynamoDB (Local) reported in `ConsumedCapacity`. */
  REPORTED_READ_UNITS: 'reportedReadUnits',
  /** Write units DynamoDB (Local) reported. */
  REPORTED_WRITE_UNITS: 'reportedWriteUnits',
  /** Reads and writes sent, counted as they leave, so that a request in flight counts as activity. */
  REQUESTS_SENT: 'requestsSent',
  READ_REQUESTS: 'readRequests',
  WRITE_REQUESTS: 'writeRequests',
  /** Single-item writes (not in a transaction) that DynamoDB applied. */
  STANDALONE_WRITES: 'standaloneWrites',
  /** Single-item writes refused by their condition: AWS bills at least one write unit for each. */
  FAILED_STANDALONE_WRITES: 'failedStandaloneWrites',
  /** Items of transactions DynamoDB cancelled. */
  CANCELLED_TRANSACTION_ITEMS: 'cancelledTransactionItems',
} as const;

const capacityOf = (output: unknown): number => {
  const consumed = (output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] } | undefined)?.ConsumedCapacity;
  const all = Array.isArray(consumed) ? consumed : consumed === undefined ? [] : [consumed];
  return all.reduce((total, one) => total + (one.CapacityUnits ?? 0), 0);
};

const transactionSize = (input: unknown): number => (input as { TransactItems?: unknown[] }).TransactItems?.length ?? 0;

/**
 * Asks DynamoDB for `ReturnConsumedCapacity: TOTAL` on every read and write the `clients` send, through a
 * middleware on their stacks (a document client shares its DynamoDB client's), and keeps the totals: the
 * units reported, the requests, the single-item writes, and the writes refused by their condition (which
 * AWS bills, and DynamoDB Local reports nothing for).
 */
export const trackConsumedCapacity = (clients: readonly WithMiddleware[]): Counters => {
  const counters = new Counters();
  for (const client of clients) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        const reads = READS.has(command);
        const writes = WRITES.has(command);
        if (!reads && !writes) return next(args);
        const input = { ReturnConsumedCapacity: 'TOTAL', ...(args.input as Record<string, unknown>) };
        counters.add(CapacityCounter.REQUESTS_SENT);
        try {
          const result = await next({ ...args, input });
          counters.add(reads ? CapacityCounter.READ_REQUESTS : CapacityCounter.WRITE_REQUESTS);
          counters.add(reads ? CapacityCounter.REPORTED_READ_UNITS : CapacityCounter.REPORTED_WRITE_UNITS, capacityOf(result.output));
          if (writes && command !== 'TransactWriteItemsCommand') counters.add(CapacityCounter.STANDALONE_WRITES);
          return result;
        } catch (error) {
          const name = (error as { name?: unknown } | null)?.name;
          if (name === 'ConditionalCheckFailedException') counters.add(CapacityCounter.FAILED_STANDALONE_WRITES);
          if (name === 'TransactionCanceledException') counters.add(CapacityCounter.CANCELLED_TRANSACTION_ITEMS, transactionSize(input));
          throw error;
        }
      },
      { step: 'initialize', name: 'benchConsumedCapacity', override: true },
    );
  }
  return counters;
};
