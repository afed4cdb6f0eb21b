import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { CheckpointStore } from './checkpoints';
import type { FlagPublisher } from './ports';
import { publishNewFlags, type BatchOutcome } from './publish-batch';

/** Pause between polls when nothing is new: the latency of a local flag. */
export const DEFAULT_IDLE_MS = 200;

/** Pause after a failure, so a broken publisher is not hammered. */
const RETRY_MS = 1000;

/** How often new shards are looked for; streams add them every few hours. */
const DESCRIBE_EVERY_MS = 10_000;

export interface StreamPollerDeps {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  publisher: FlagPublisher;
  checkpoints: CheckpointStore;
  logger: Logger;
  idleMs?: number;
}

interface ShardCursor {
  shardId: string;
  /** The last record handled; reading resumes after it. */
  after: string | undefined;
  iterator: string | undefined;
  /** Set when the last read found its iterator trimmed away. */
  trimmed?: boolean;
}

/**
 * Local mode's stand-in for Lambda's stream event source: reads the table
 * stream and feeds the same publishing code. A shard's checkpoint moves only
 * after its flags are published, so a failure, or a crash before the save,
 * delivers the flag again from the last checkpoint.
 */
export class StreamPoller {
  readonly #deps: StreamPollerDeps;
  readonly #open = new Map<string, ShardCursor>();
  readonly #closed = new Set<string>();
  #describedAtMs = -Infinity;
  #running: Promise<void> | undefined;
  #stopping = false;
  readonly #wake = new AbortController();

  constructor(deps: StreamPollerDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#running ??= this.#loop();
  }

  /**
   * Publishes what the stream already holds, then stops. A failing
   * publisher does not hold it up: what it could not publish stays after
   * the checkpoint for the next start.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake.abort();
    await this.#running;
  }

  /**
   * Reads every open shard once and publishes what is new. Returns how many
   * records were read and whether a publish failed.
   */
  async pollOnce(): Promise<{ read: number; failed: boolean }> {
    await this.#refreshShards();
    let read = 0;
    let failed = false;
    for (const cursor of [...this.#open.values()]) {
      const pass = await this.#readShard(cursor);
      read += pass.read;
      failed ||= pass.failed;
    }
    return { read, failed };
  }

  async #loop(): Promise<void> {
    for (;;) {
      // Only a pass begun after stop() was called has seen every record
      // written before it.
      const final = this.#stopping;
      const pass = await this.#safePass();
      if (final && (pass.read === 0 || pass.failed)) return;

      const pauseMs = pass.failed ? RETRY_MS
        : pass.read > 0 ? 0 : this.#deps.idleMs ?? DEFAULT_IDLE_MS;
      await sleep(pauseMs, undefined, { signal: this.#wake.signal })
        .catch(() => undefined);
    }
  }

  /** A pass that fails as a whole, say on a lost connection, is retried. */
  async #safePass() {
    try {
      return await this.pollOnce();
    } catch (error) {
      this.#deps.logger.warn('outbox poll failed; retrying', { error });
      for (const cursor of this.#open.values()) cursor.iterator = undefined;
      return { read: 0, failed: true };
    }
  }

  async #readShard(cursor: ShardCursor) {
    const { streams, publisher } = this.#deps;
    const iterator = cursor.iterator ?? await this.#iteratorFor(cursor);
    const page = await streams.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }))
      .catch((error: unknown) => {
        if (!(error instanceof TrimmedDataAccessException)) throw error;
        // DynamoDB Local trims a shard under an open iterator now and then;
        // a fresh iterator from the checkpoint reads on without loss. If
        // that is trimmed too, start from the oldest record: consumers
        // drop the repeats by flag id.
        this.#deps.logger.debug('stream iterator trimmed; renewing it',
          { shardId: cursor.shardId });
        if (cursor.trimmed) cursor.after = undefined;
        return undefined;
      });
    cursor.trimmed = !page;
    if (!page) {
      cursor.iterator = undefined;
      return { read: 0, failed: false };
    }
    const records = page.Records ?? [];
    const outcome = await publishNewFlags(records, publisher);
    await this.#checkpoint(cursor, outcome);

    cursor.after = outcome.lastHandled ?? cursor.after;
    if (outcome.failure) {
      this.#deps.logger.warn('flag not published; retrying from it', {
        sequenceNumber: outcome.failure.sequenceNumber,
        error: outcome.failure.error,
      });
      cursor.iterator = undefined;
      return { read: records.length, failed: true };
    }

    cursor.iterator = page.NextShardIterator;
    if (!cursor.iterator) {
      this.#open.delete(cursor.shardId);
      this.#closed.add(cursor.shardId);
    }
    return { read: records.length, failed: false };
  }

  /** Saves progress once flags went out; skipped records alone do not. */
  async #checkpoint(cursor: ShardCursor, outcome: BatchOutcome) {
    if (outcome.published.length === 0 || !outcome.lastHandled) return;
    await this.#deps.checkpoints.save(this.#deps.streamArn, cursor.shardId,
      outcome.lastHandled);
  }

  async #iteratorFor(cursor: ShardCursor): Promise<string> {
    const { streams, streamArn, logger } = this.#deps;
    const position = cursor.after
      ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const,
        SequenceNumber: cursor.after }
      : { ShardIteratorType: 'TRIM_HORIZON' as const };
    try {
      const found = await streams.send(new GetShardIteratorCommand({
        StreamArn: streamArn, ShardId: cursor.shardId, ...position }));
      if (found.ShardIterator) return found.ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException)) throw error;
      // Records past their 24 hours are gone; start from the oldest left.
      logger.warn('outbox checkpoint is older than the stream keeps',
        { shardId: cursor.shardId });
      cursor.after = undefined;
      return this.#iteratorFor(cursor);
    }
    throw new Error(`no iterator for shard ${cursor.shardId}`);
  }

  async #refreshShards(): Promise<void> {
    const nowMs = Date.now();
    const fresh = nowMs - this.#describedAtMs < DESCRIBE_EVERY_MS;
    if (this.#open.size > 0 && fresh) return;
    this.#describedAtMs = nowMs;

    for (const shardId of await this.#shardIds()) {
      if (this.#open.has(shardId) || this.#closed.has(shardId)) continue;
      const after = await this.#deps.checkpoints.load(this.#deps.streamArn,
        shardId);
      this.#open.set(shardId, { shardId, after, iterator: undefined });
    }
  }

  async #shardIds(): Promise<string[]> {
    const ids: string[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await this.#deps.streams.send(
        new DescribeStreamCommand({ StreamArn: this.#deps.streamArn,
          ExclusiveStartShardId: start }));
      for (const shard of StreamDescription?.Shards ?? []) {
        if (shard.ShardId) ids.push(shard.ShardId);
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return ids;
  }
}
