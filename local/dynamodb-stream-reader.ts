import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';

/**
 * The SDK's Streams client reads an empty map attribute (`{"M": {}}` on the wire) back as `{}`; Lambda
 * delivers it as sent. Puts the map back, so that handlers see what they see in AWS.
 */
const restoreEmptyMaps = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(restoreEmptyMaps);
  if (value === null || typeof value !== 'object') return value;
  const entries: [string, unknown][] = Object.entries(value);
  return Object.fromEntries(
    entries.map(([key, child]) => {
      const isEmptyAttribute = child !== null && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length === 0;
      return [key, isEmptyAttribute && key !== 'M' ? { M: {} } : restoreEmptyMaps(child)];
    }),
  );
};

/** A stream record as Lambda hands it to a handler. */
export const toLambdaRecord = (record: StreamRecord): DynamoDBRecord => {
  const { NewImage, OldImage, ...rest } = record.dynamodb ?? {};
  return JSON.parse(
    JSON.stringify({
      ...record,
      eventSource: 'aws:dynamodb',
      dynamodb: { ...rest, ...(NewImage ? { NewImage: restoreEmptyMaps(NewImage) } : {}), ...(OldImage ? { OldImage: restoreEmptyMaps(OldImage) } : {}) },
    }),
  ) as DynamoDBRecord;
};

/** The ARN of a table's stream. */
export const streamArnOf = async (client: DynamoDBClient, tableName: string): Promise<string> => {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const arn = Table?.LatestStreamArn;
  if (arn === undefined) throw new Error(`table ${tableName} has no stream`);
  return arn;
};

/** Every record the stream holds now, shard by shard from its start, as Lambda records. */
export const readAllStreamRecords = async (streams: DynamoDBStreamsClient, streamArn: string): Promise<DynamoDBRecord[]> => {
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    while (iterator !== undefined) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map(toLambdaRecord));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return records;
};
