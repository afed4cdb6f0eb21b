import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { latestStreamArn } from '../../shared/outbox/table-stream';
import type { TestTable } from '../support/dynamo';

/** The table's stream, and a client to read it, in DynamoDB Local. */
export async function streamOf(table: TestTable) {
  const raw = new DynamoDBClient({ endpoint: table.endpoint, ...LOCAL_AWS });
  const streamArn = await latestStreamArn(raw, table.tableName);
  raw.destroy();
  return {
    streamArn,
    streams: new DynamoDBStreamsClient({ endpoint: table.endpoint,
      ...LOCAL_AWS }),
  };
}

/**
 * Every record in the table's stream so far, as Lambda's event source hands
 * them to a function: JSON, oldest first.
 */
export async function streamRecords(table: TestTable): Promise<unknown[]> {
  const { streamArn, streams } = await streamOf(table);
  const { StreamDescription } = await streams.send(
    new DescribeStreamCommand({ StreamArn: streamArn }));
  const records: unknown[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn,
        ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    while (iterator) {
      const page = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator }));
      if (!page.Records?.length) break;
      records.push(...page.Records);
      iterator = page.NextShardIterator;
    }
  }
  streams.destroy();
  const lambdaJson: unknown[] = JSON.parse(JSON.stringify(records));
  return lambdaJson;
}
