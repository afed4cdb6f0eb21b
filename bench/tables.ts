import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateScan, type DynamoDBDocumentClient } from
  '@aws-sdk/lib-dynamodb';
import { LOCAL_AWS } from '../local/dynamodb-local';
import { createTable } from '../shared/store/create-table';
import { createDocumentClient } from '../shared/store/dynamo-client';
import { itemBytes } from './item-size';

/** A fresh table in the benchmark's DynamoDB Local, so runs never mix. */
export async function freshTable(endpoint: string): Promise<string> {
  const tableName = `bench-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  try {
    await createTable(raw, tableName);
  } finally {
    raw.destroy();
  }
  return tableName;
}

/** A document client built as the Lambda functions build theirs. */
export function documentClient(endpoint: string): DynamoDBDocumentClient {
  return createDocumentClient({ endpoint, ...LOCAL_AWS });
}

/** How many items a table holds and how big the largest is. */
export interface TableSurvey {
  items: number;
  largestBytes: number;
  overOneKb: number;
}

/**
 * Scans a table to check the assumption behind the computed write units:
 * an update is billed on the larger of the item before and after, which
 * the request does not show, so every item must stay within 1 KB.
 */
export async function surveyTable(
  endpoint: string,
  tableName: string,
): Promise<TableSurvey> {
  const client = documentClient(endpoint);
  const survey = { items: 0, largestBytes: 0, overOneKb: 0 };
  try {
    for await (const page of paginateScan({ client },
      { TableName: tableName })) {
      for (const item of page.Items ?? []) {
        const bytes = itemBytes(item);
        survey.items += 1;
        survey.largestBytes = Math.max(survey.largestBytes, bytes);
        if (bytes > 1024) survey.overOneKb += 1;
      }
    }
  } finally {
    client.destroy();
  }
  return survey;
}
