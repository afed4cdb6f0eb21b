import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TestTable } from '../support/dynamo';

const expiring = z.looseObject({ pk: z.string(), sk: z.string(),
  expiresAt: z.number().optional() });

/**
 * Does what DynamoDB's TTL does, at the simulated `nowMs`: deletes every
 * item whose `expiresAt` has passed then. Returns how many. DynamoDB Local
 * does run TTL, but by the wall clock and on its own schedule, so a test
 * that moves its clock cannot wait for it.
 */
export async function expireItems(
  table: TestTable,
  nowMs: number,
): Promise<number> {
  const nowSeconds = Math.floor(nowMs / 1000);
  let deleted = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(new ScanCommand({
      TableName: table.tableName, ExclusiveStartKey: startKey }));
    for (const raw of page.Items ?? []) {
      const item = expiring.parse(raw);
      if (item.expiresAt === undefined || item.expiresAt > nowSeconds) {
        continue;
      }
      await table.client.send(new DeleteCommand({ TableName: table.tableName,
        Key: { pk: item.pk, sk: item.sk } }));
      deleted += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}

/** Every key left in the table, as `pk sk` lines, sorted. */
export async function keysLeft(table: TestTable): Promise<string[]> {
  const page = await table.client.send(new ScanCommand({
    TableName: table.tableName }));
  return (page.Items ?? [])
    .map((raw) => expiring.parse(raw))
    .map((item) => `${item.pk} ${item.sk}`)
    .sort();
}
