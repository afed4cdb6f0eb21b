import { randomUUID } from 'node:crypto';
import {
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { createTable } from '../../shared/store/create-table';

const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'),
  ...LOCAL_AWS });

afterAll(() => client.destroy());

const ttlOf = async (tableName: string) => (await client.send(
  new DescribeTimeToLiveCommand({ TableName: tableName })))
  .TimeToLiveDescription;

describe('createTable', () => {
  it('expires items by their expiresAt, as the stack does', async () => {
    const tableName = `vigil-ttl-${randomUUID()}`;

    await createTable(client, tableName);

    expect(await ttlOf(tableName)).toEqual({ AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED' });
  });

  it('leaves TTL off when asked, for tests on a fixed clock', async () => {
    const tableName = `vigil-ttl-${randomUUID()}`;

    await createTable(client, tableName, { expireItems: false });

    expect((await ttlOf(tableName))?.TimeToLiveStatus).toBe('DISABLED');
  });
});
