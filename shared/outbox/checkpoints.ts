import {
  GetCommand,
  PutCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

/** How far the local poller has published each shard of a stream. */
export interface CheckpointStore {
  load(streamArn: string, shardId: string): Promise<string | undefined>;
  save(streamArn: string, shardId: string, sequenceNumber: string):
    Promise<void>;
}

const checkpointItem = z.object({ sequenceNumber: z.string() });

/**
 * Checkpoints kept in the table itself, so they last exactly as long as
 * the data they refer to. Each save is itself a stream record, which the
 * poller reads and skips; that is why it saves only after publishing.
 */
export class TableCheckpoints implements CheckpointStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(streamArn: string, shardId: string) {
    const found = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: checkpointKey(streamArn, shardId),
      ConsistentRead: true,
    }));
    return found.Item
      ? checkpointItem.parse(found.Item).sequenceNumber
      : undefined;
  }

  async save(streamArn: string, shardId: string, sequenceNumber: string) {
    await this.client.send(new PutCommand({
      TableName: this.tableName,
      Item: { ...checkpointKey(streamArn, shardId), sequenceNumber },
    }));
  }
}

function checkpointKey(streamArn: string, shardId: string) {
  return { pk: 'X#outbox', sk: `${streamArn}#${shardId}` };
}
