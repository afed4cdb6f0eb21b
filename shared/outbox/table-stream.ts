import {
  DescribeTableCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/** The ARN of the table's current stream, which the outbox reads. */
export async function latestStreamArn(
  client: DynamoDBClient,
  tableName: string,
): Promise<string> {
  const { Table } = await client.send(
    new DescribeTableCommand({ TableName: tableName }));
  if (!Table?.LatestStreamArn) {
    throw new Error(`table ${tableName} has no stream; flags could not ` +
      'reach moderators. Create it with createTable.');
  }
  return Table.LatestStreamArn;
}
