import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Flag } from '../../shared/flags/flag';
import {
  TableCheckpoints,
  type CheckpointStore,
} from '../../shared/outbox/checkpoints';
import type { FlagPublisher } from '../../shared/outbox/ports';
import { StreamPoller } from '../../shared/outbox/stream-poller';
import { FlagStore } from '../../shared/store/flag-store';
import { NOW } from '../support/events';
import { freshTable, type TestTable } from '../support/dynamo';
import { sampleFlag } from '../flags/sample-flag';
import { deduplicatingQueue } from './consumer';
import { streamOf } from './stream';

const ids = (flags: readonly Flag[]) => flags.map((flag) => flag.flagId);

/** A second flag for the same adult, raised later by another event. */
const laterFlag = (flag: Flag): Flag => ({ ...flag,
  flagId: flag.flagId.replace(/_[\w-]{16}$/, '_second0000000000'),
  raisedAt: new Date(NOW + 60_000).toISOString() });

describe('the local stream poller', () => {
  let table: TestTable;
  let stream: { streamArn: string; streams: DynamoDBStreamsClient };
  let flags: FlagStore;
  let checkpoints: TableCheckpoints;

  beforeEach(async () => {
    table = await freshTable();
    stream = await streamOf(table);
    flags = new FlagStore(table.client, table.tableName);
    checkpoints = new TableCheckpoints(table.client, table.tableName);
  });

  const poller = (publisher: FlagPublisher,
    store: CheckpointStore = checkpoints) => new StreamPoller({
    ...stream, publisher, checkpoints: store,
    logger: new Logger({ logLevel: 'SILENT' }), idleMs: 20 });

  it('publishes a flag committed while no poller was running', async () => {
    const flag = sampleFlag();
    await flags.raise(flag, null);
    const queue = deduplicatingQueue();

    await poller(queue.publisher).pollOnce();

    expect(ids(queue.delivered)).toEqual([flag.flagId]);
  });

  it('publishes a refused flag on the next pass, once', async () => {
    const flag = sampleFlag();
    await flags.raise(flag, null);
    const queue = deduplicatingQueue();
    queue.failOnce(flag.flagId, 'refused');
    const reader = poller(queue.publisher);

    const failed = await reader.pollOnce();
    const retried = await reader.pollOnce();

    expect(failed.failed).toBe(true);
    expect(retried.failed).toBe(false);
    expect(ids(queue.delivered)).toEqual([flag.flagId]);
  });

  it('resumes after its checkpoint when started again', async () => {
    const first = sampleFlag();
    await flags.raise(first, null);
    const before = deduplicatingQueue();
    await poller(before.publisher).pollOnce();

    const second = laterFlag(first);
    await flags.raise(second, first.flagId);
    const after = deduplicatingQueue();
    await poller(after.publisher).pollOnce();

    expect(ids(before.delivered)).toEqual([first.flagId]);
    expect(ids(after.delivered)).toEqual([second.flagId]);
  });

  it('delivers again a flag published by a poller that died before its ' +
    'checkpoint, which a deduping consumer keeps once', async () => {
    const flag = sampleFlag();
    await flags.raise(flag, null);
    const queue = deduplicatingQueue();
    const dying: CheckpointStore = {
      load: (arn, shard) => checkpoints.load(arn, shard),
      save: async () => {
        throw new Error('killed');
      },
    };

    await expect(poller(queue.publisher, dying).pollOnce())
      .rejects.toThrow('killed');
    await poller(queue.publisher).pollOnce();

    expect(ids(queue.delivered)).toEqual([flag.flagId, flag.flagId]);
    expect(ids(queue.seen)).toEqual([flag.flagId]);
  });

  it('keeps polling and retries a refused flag after a pause', async () => {
    const flag = sampleFlag();
    const queue = deduplicatingQueue();
    queue.failOnce(flag.flagId, 'refused');
    const running = poller(queue.publisher);
    running.start();

    await flags.raise(flag, null);

    await vi.waitFor(() => expect(ids(queue.delivered))
      .toEqual([flag.flagId]), { timeout: 5000 });
    await running.stop();
  });

  it('publishes what the stream holds before it stops', async () => {
    const queue = deduplicatingQueue();
    const running = poller(queue.publisher);
    running.start();
    const flag = sampleFlag();
    await flags.raise(flag, null);

    await running.stop();

    expect(ids(queue.delivered)).toEqual([flag.flagId]);
  });
});
