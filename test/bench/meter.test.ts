import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { CapacityMeter } from '../../bench/meter';
import { freshTable } from '../support/dynamo';

describe('CapacityMeter', () => {
  it('records each request with the capacity DynamoDB reports', async () => {
    const { client, tableName } = await freshTable();
    const meter = new CapacityMeter();
    meter.attach(client);

    await client.send(new PutCommand({ TableName: tableName,
      Item: { pk: 'A#p#u1', sk: 'D#2026-12-03', requests: 1 } }));
    await client.send(new QueryCommand({ TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': 'A#p#u1' } }));

    const calls = meter.take();
    expect(calls.map((call) => [call.command, call.reportedUnits])).toEqual([
      ['PutItemCommand', 1], ['QueryCommand', 0.5]]);
    expect(meter.take()).toEqual([]);
  });

  it('records a refused write under the name of its error', async () => {
    const { client, tableName } = await freshTable();
    const meter = new CapacityMeter();
    meter.attach(client);
    const put = new PutCommand({ TableName: tableName,
      Item: { pk: 'E#p#e1', sk: 'E' },
      ConditionExpression: 'attribute_not_exists(pk)' });

    await client.send(put);
    await expect(client.send(put)).rejects.toThrow();

    expect(meter.take().map((call) => call.error)).toEqual([
      undefined, 'ConditionalCheckFailedException']);
  });
});
