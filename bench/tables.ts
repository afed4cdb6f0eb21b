import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { paginateScan, type DynamoDBDocumentClient } from
  '@aws-sdk/lib-dynamodb';
import {
  LOCAL_AWS,
  startDynamoDbLocal,
  type DynamoDbLocal,
} from '../local/dynamodb-local';
import { createTable } from '../shared/store/create-table';
import { createDocumentClient } from '../shared/store/dynamo-client';
import { itemBytes } from './item-size';

/** A table made for one measurement, and the DynamoDB Local it lives in. */
export interface BenchTable {
  endpoint: string;
  tableName: string;
  /** Stops its DynamoDB Local, which discards the table. */
  stop(): Promise<void>;
}

const running = new Set<DynamoDbLocal>();

/**
 * A fresh table alone in a DynamoDB Local of its own. DynamoDB Local keeps
 * the stream records of all its tables in one SQLite table keyed by
 * sequence number alone, and each write to a table with a stream looks up
 * that stream's first record, reading past the records of every stream
 * begun before it; deleting a table keeps its records for a day. In one
 * shared Local, a table made after others paid for all their writes on
 * each write of its own: on two cores the latency stage's writes were some
 * fifteen times slower, and the full run did not finish.
 */
export async function freshTable(): Promise<BenchTable> {
  const dynamo = await startDynamoDbLocal();
  running.add(dynamo);
  const stop = () => stopLocal(dynamo);
  const tableName = `bench-${randomUUID()}`;
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, ...LOCAL_AWS });
  try {
    await createTable(raw, tableName);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    raw.destroy();
  }
  return { endpoint: dynamo.endpoint, tableName, stop };
}

/** Stops every DynamoDB Local still running, as when a stage failed. */
export async function stopAllTables(): Promise<void> {
  await Promise.all([...running].map(stopLocal));
}

async function stopLocal(dynamo: DynamoDbLocal): Promise<void> {
  running.delete(dynamo);
  await dynamo.stop();
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
  { endpoint, tableName }: BenchTable,
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
