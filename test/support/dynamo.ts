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

/** A fresh table in the shared DynamoDB Local, so test files never collide. */
export async function freshTable(): Promise<TestTable> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `vigil-test-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  await createTable(raw, tableName);
  raw.destroy();
  return {
    tableName,
    endpoint,
    client: createDocumentClient({ endpoint, ...LOCAL_AWS }),
  };
}
