import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { localContext } from '../../local/api-gateway';
import type { Flag } from '../../shared/flags/flag';
import { createPublishFlagsHandler } from
  '../../shared/outbox/publish-handler';
import { streamLambda } from '../../shared/outbox/stream-lambda';
import { parseStreamRecord } from '../../shared/outbox/stream-record';
import { FlagStore } from '../../shared/store/flag-store';
import { keys } from '../../shared/store/keys';
import { freshTable, type TestTable } from '../support/dynamo';
import { sampleFlag } from '../flags/sample-flag';
import { deduplicatingQueue } from './consumer';
import { streamRecords } from './stream';

type Handler = ReturnType<typeof createPublishFlagsHandler>;

const tools = () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  return {
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'VigilTest' }),
  };
};

/**
 * Lambda's DynamoDB event source with ReportBatchItemFailures: after a
 * reported failure it invokes again from that record on.
 */
async function deliverLikeLambda(handler: Handler, records: unknown[]) {
  let pending = records;
  let invocations = 0;
  while (pending.length > 0 && invocations < 5) {
    invocations += 1;
    const { batchItemFailures } = await handler({ Records: pending });
    const failed = batchItemFailures[0]?.itemIdentifier;
    if (failed === undefined) break;
    pending = pending.slice(pending.findIndex((record) =>
      parseStreamRecord(record).sequenceNumber === failed));
  }
  return invocations;
}

const ids = (flags: readonly Flag[]) => flags.map((flag) => flag.flagId);

describe('the publish-flags stream handler', () => {
  let table: TestTable;
  let first: Flag;
  let second: Flag;

  beforeEach(async () => {
    table = await freshTable();
    const store = new FlagStore(table.client, table.tableName);
    first = sampleFlag('demo');
    second = sampleFlag('kids-chat');
    await store.raise(first, null);
    await store.raise(second, null);
  });

  it('publishes each new flag once and reports no failures', async () => {
    const queue = deduplicatingQueue();
    const handler = createPublishFlagsHandler({ publisher: queue.publisher,
      ...tools() });

    const result = await handler({ Records: await streamRecords(table) });

    expect(result).toEqual({ batchItemFailures: [] });
    expect(ids(queue.delivered)).toEqual([first.flagId, second.flagId]);
  });

  it('passes over locks and changes to flags already published', async () => {
    await table.client.send(new UpdateCommand({
      TableName: table.tableName,
      Key: keys.flag(first.platformId, first.flagId),
      UpdateExpression: 'SET #status = :dismissed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':dismissed': 'dismissed' },
    }));
    const queue = deduplicatingQueue();
    const handler = createPublishFlagsHandler({ publisher: queue.publisher,
      ...tools() });
    const records = await streamRecords(table);

    await handler({ Records: records });

    expect(records).toHaveLength(5);
    expect(ids(queue.delivered)).toEqual([first.flagId, second.flagId]);
    expect(queue.delivered[0]?.status).toBe('open');
  });

  it('reports the record that failed, and nothing after it', async () => {
    const queue = deduplicatingQueue();
    queue.failOnce(first.flagId, 'refused');
    const handler = createPublishFlagsHandler({ publisher: queue.publisher,
      ...tools() });
    const records = await streamRecords(table);

    const result = await handler({ Records: records });

    const failed = records.find((record) =>
      JSON.stringify(record).includes(`F#${first.flagId}`));
    expect(result).toEqual({ batchItemFailures: [
      { itemIdentifier: parseStreamRecord(failed).sequenceNumber }] });
    expect(queue.delivered).toEqual([]);
  });

  it('delivers a refused flag once when Lambda retries from it', async () => {
    const queue = deduplicatingQueue();
    queue.failOnce(second.flagId, 'refused');
    const handler = createPublishFlagsHandler({ publisher: queue.publisher,
      ...tools() });

    const invocations = await deliverLikeLambda(handler,
      await streamRecords(table));

    expect(invocations).toBe(2);
    expect(ids(queue.delivered)).toEqual([first.flagId, second.flagId]);
  });

  it('redelivers a flag whose publish answer was lost, which a deduping ' +
    'consumer keeps once', async () => {
    const queue = deduplicatingQueue();
    queue.failOnce(first.flagId, 'answer-lost');
    const handler = createPublishFlagsHandler({ publisher: queue.publisher,
      ...tools() });

    await deliverLikeLambda(handler, await streamRecords(table));

    expect(ids(queue.delivered)).toEqual(
      [first.flagId, first.flagId, second.flagId]);
    expect(ids(queue.seen)).toEqual([first.flagId, second.flagId]);
  });

  it('answers Lambda with batchItemFailures through its middy wrapper',
    async () => {
      const queue = deduplicatingQueue();
      queue.failOnce(second.flagId, 'refused');
      const wrapped = streamLambda(createPublishFlagsHandler({
        publisher: queue.publisher, ...tools() }), tools());
      const records = await streamRecords(table);

      const result = await wrapped({ Records: records },
        localContext('vigil-publish-flags'));

      expect(result.batchItemFailures).toHaveLength(1);
      expect(result.batchItemFailures[0]?.itemIdentifier).toMatch(/^\d+$/);
    });

  it('skips a flag record it cannot read and publishes those behind it',
    async () => {
      await table.client.send(new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.flag('demo', 'flg_20261203T120000_corruptcorruptc'),
          status: 'open' },
      }));
      const third = sampleFlag('third-platform');
      await new FlagStore(table.client, table.tableName).raise(third, null);
      const queue = deduplicatingQueue();
      const handler = createPublishFlagsHandler({ publisher: queue.publisher,
        ...tools() });

      const result = await handler({ Records: await streamRecords(table) });

      expect(result).toEqual({ batchItemFailures: [] });
      expect(ids(queue.delivered)).toEqual(
        [first.flagId, second.flagId, third.flagId]);
    });
});
