import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { createTable } from '../../shared/store/create-table';
import { createDocumentClient } from '../../shared/store/dynamo-client';

export interface TestTable {
  tableName: string;
  client: DynamoDBDocumentClient;
  endpoint: string;
}

/**
 * A fresh table in the shared DynamoDB Local, so test files never collide.
 * Its TTL is off: the tests' clock stands at a fixed NOW that the real
 * clock has passed, and DynamoDB Local expires items by the real clock,
 * so it would delete what a test just wrote. Tests of expiry expire items
 * themselves, at their own clock (test/review/expire.ts).
 */
export async function freshTable(): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `vigil-test-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  await createTable(raw, tableName, { expireItems: false });
  raw.destroy();
  return {
    tableName,
    endpoint,
    client: createDocumentClient({ endpoint, ...LOCAL_AWS }),
  };
}
