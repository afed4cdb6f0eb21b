import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE } from './table';

/**
 * Creates Vigil's table as the CDK stack defines it, for local mode and
 * tests. An existing table of that name is left as it is. `expireItems:
 * false` leaves TTL off, for tests whose clock is fixed in the past: the
 * real clock would have DynamoDB Local delete what they just wrote.
 */
export async function createTable(
  client: DynamoDBClient,
  tableName: string,
  { expireItems = true }: { expireItems?: boolean } = {},
): Promise<void> {
  try {
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: {
        StreamEnabled: true,
        StreamViewType: TABLE.streamView,
      },
    }));
  } catch (error) {
    if (error instanceof ResourceInUseException) return;
    throw error;
  }

  if (!expireItems) return waitUntilActive(client, tableName);
  await client.send(new UpdateTimeToLiveCommand({
    TableName: tableName,
    TimeToLiveSpecification: {
      AttributeName: TABLE.ttlAttribute,
      Enabled: true,
    },
  }));
  await waitUntilActive(client, tableName);
}

async function waitUntilActive(
  client: DynamoDBClient,
  tableName: string,
): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become active`);
}
