import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import pLimit, { type LimitFunction } from 'p-limit';
import * as z from 'zod';
import { AGE_BANDS, type SocialEvent } from '../events/schema';
import type {
  Counterpart,
  Dimension,
  DistinctMarkKey,
  EventRef,
  Mutation,
} from '../counters/model';
import type { CountedCounterpart } from '../flags/build';
import { markId, type EventState } from '../counters/plan';
import type { PairActivity, SubjectActivity } from '../rules/evaluate';
import { keys, type Key } from './keys';
import {
  markerItem,
  packEventTransactions,
  type EventTransaction,
  type PlannedWrite,
} from './event-transactions';
import { connectionChange, isConnectionChange } from './mutations';

/**
 * How an attempt to count one event ended: counted now, counted before,
 * lost a race to another request, or refused only because another event
 * of its chunk was refused, which is no race lost.
 */
export type ApplyOutcome = 'applied' | 'duplicate' | 'conflict' | 'replan';

/** An event refused only because another in its transaction was. */
type CommitOutcome = ApplyOutcome | 'refused-with-others';

/** What one event's plan needs read: its distinct marks, and its tie. */
export interface StateRequest {
  event: SocialEvent;
  marks: readonly DistinctMarkKey[];
  withConnection: boolean;
}

/** DynamoDB's ceiling on the keys of one BatchGetItem request. */
const MAX_BATCH_GET_KEYS = 100;

/** Writes in flight at once for one delivery. */
const PARALLEL_WRITES = 8;

/**
 * How often the events of a delivery are packed again after others in
 * their transactions were refused; each pass settles at least one event.
 */
const MAX_REPACKS = 4;

const keySchema = z.object({ pk: z.string(), sk: z.string() });

const markItem = z.object({ pk: z.string(), sk: z.string(),
  countedAtMs: z.number() });
/** A connection, or the record that it was removed (no connectedSinceMs). */
const connectionItem = z.object({ pk: z.string(), sk: z.string(),
  connectedSinceMs: z.number().optional(),
  changedAtMs: z.number().optional() });
const storedMark = z.object({
  countedAtMs: z.number(),
  counterpartId: z.string(),
  counterpartAgeBand: z.enum(AGE_BANDS),
  counterpartRegion: z.string().nullish(),
  eventId: z.string(),
  occurredAt: z.string(),
});
const storedPairDay = z.object({
  firstEventId: z.string(),
  firstAt: z.string(),
  lastEventId: z.string(),
  lastAt: z.string(),
});
const counterItem = z.looseObject({ sk: z.string() });
const pairItem = z.object({ sk: z.string(), messages: z.number() });

/** DynamoDB adapter for the counters, marks and connections of accounts. */
export class ActivityStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reads the connection and distinct marks one event's plan depends on. */
  async readEventState(
    platformId: string,
    event: SocialEvent,
    marks: readonly DistinctMarkKey[],
    withConnection: boolean,
  ): Promise<EventState> {
    const [state] = await this.readEventStates(platformId,
      [{ event, marks, withConnection }]);
    return state!;
  }

  /**
   * Reads what the plans of several events depend on, in as few batch
   * reads as DynamoDB allows, and returns one state per request in order.
   */
  async readEventStates(
    platformId: string,
    requests: readonly StateRequest[],
  ): Promise<EventState[]> {
    const wanted = requests.map((request) => ({
      marks: request.marks.map((mark) =>
        keys.mark(platformId, mark.account, mark.dimension, mark.other)),
      connection: request.withConnection ? keys.connection(platformId,
        request.event.actor.id, request.event.target.id) : undefined,
    }));
    const items = await this.batchGet(wanted.flatMap((w) =>
      w.connection ? [...w.marks, w.connection] : w.marks));

    return requests.map((request, i) => {
      const { marks, connection } = wanted[i]!;
      const markCountedAtMs = new Map<string, number | null>();
      request.marks.forEach((mark, j) => {
        const found = items.get(keyString(marks[j]!));
        markCountedAtMs.set(markId(mark),
          found ? markItem.parse(found).countedAtMs : null);
      });
      const found = connection && items.get(keyString(connection));
      const tie = found ? connectionItem.parse(found) : undefined;
      return {
        connectedSinceMs: tie?.connectedSinceMs ?? null,
        connectionChangedAtMs: tie?.changedAtMs ?? null,
        markCountedAtMs,
      };
    });
  }

  /** Counts one event exactly once; see applyEvents. */
  async applyEvent(
    platformId: string,
    eventId: string,
    mutations: readonly Mutation[],
    markerExpiresAtMs: number,
  ): Promise<ApplyOutcome> {
    const [outcome] = await this.applyEvents(platformId,
      [{ eventId, mutations }], markerExpiresAtMs);
    return outcome!;
  }

  /**
   * Counts each event exactly once: its id marker and every counter change
   * it makes commit together or not at all. Events that change counters
   * share transactions, so additions to one counter merge into one write.
   * A marker that exists already means the event was counted before
   * ('duplicate'); a changed distinct mark or connection, or a clash with
   * a concurrent transaction, means the caller should re-read and re-plan
   * ('conflict'), and so should the other events of its chunk, whose plans
   * assumed it would apply ('replan'). The outcomes come back in the order
   * of `writes`.
   *
   * Most events change nothing but their marker: one conditional put is as
   * atomic as a transaction and costs half the write units. A connection
   * change is idempotent, so it needs no transaction either: written before
   * its marker, a retry after a failure in between applies it again
   * harmlessly and then records the event.
   */
  async applyEvents(
    platformId: string,
    writes: readonly PlannedWrite[],
    markerExpiresAtMs: number,
  ): Promise<ApplyOutcome[]> {
    const outcomes = new Array<ApplyOutcome>(writes.length);
    const limit = pLimit(PARALLEL_WRITES);
    const marker = (eventId: string) => markerItem(this.tableName,
      platformId, eventId, markerExpiresAtMs).Put;

    const transactional: number[] = [];
    const alone: Promise<void>[] = [];
    writes.forEach((write, i) => {
      const changes = write.mutations.filter(isConnectionChange);
      if (changes.length < write.mutations.length) {
        transactional.push(i);
        return;
      }
      alone.push(limit(async () => {
        for (const change of changes) {
          await this.changeConnection(platformId, change);
        }
        outcomes[i] = await this.putMarkerAlone(marker(write.eventId));
      }));
    });

    await Promise.all([...alone, this.commitTogether(platformId,
      writes, transactional, markerExpiresAtMs, outcomes, limit)]);
    return outcomes;
  }

  /**
   * Commits the events at `pending` in packed transactions. When one is
   * cancelled, the events it names as duplicates or conflicts get that
   * outcome, and the others, refused only for their company, are packed
   * and sent again without them.
   */
  private async commitTogether(
    platformId: string,
    writes: readonly PlannedWrite[],
    pending: number[],
    markerExpiresAtMs: number,
    outcomes: ApplyOutcome[],
    limit: LimitFunction,
  ): Promise<void> {
    for (let pass = 1; pending.length > 0; pass += 1) {
      if (pass > MAX_REPACKS) {
        pending.forEach((i) => { outcomes[i] = 'conflict'; });
        return;
      }

      const batch = pending;
      const packed = batch.map((i) => writes[i]!);
      const transactions = packEventTransactions(this.tableName, platformId,
        packed, markerExpiresAtMs);
      const settled = await Promise.all(transactions.map((transaction) =>
        limit(() => this.commit(transaction,
          (position) => packed[position]?.chunk))));

      pending = [];
      settled.flat().forEach(({ position, outcome }) => {
        const i = batch[position]!;
        if (outcome === 'refused-with-others') pending.push(i);
        else outcomes[i] = outcome;
      });
    }
  }

  /**
   * Sends one transaction and says what became of each of its events. An
   * event of a chunk in which another was refused must be planned again,
   * since its plan assumed the refused one would apply.
   */
  private async commit(
    transaction: EventTransaction,
    chunkOf: (position: number) => number | undefined,
  ): Promise<{ position: number; outcome: CommitOutcome }[]> {
    const positions = transaction.owners.slice(0, transaction.markers)
      .map(([position]) => position!);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: transaction.items }));
      return positions.map((position) => ({ position, outcome: 'applied' }));
    } catch (error) {
      const blame = blameCancellation(error, transaction);
      const refusedChunks = new Set([...blame.keys()].map(chunkOf)
        .filter((chunk) => chunk !== undefined));
      return positions.map((position) => {
        const chunk = chunkOf(position);
        const outcome = blame.get(position) ??
          (chunk !== undefined && refusedChunks.has(chunk) ? 'replan'
            : 'refused-with-others');
        return { position, outcome };
      });
    }
  }

  /** Applies a connection change unless a newer one is stored already. */
  private async changeConnection(
    platformId: string,
    mutation: Parameters<typeof connectionChange>[2],
  ): Promise<void> {
    const { Update } = connectionChange(this.tableName, platformId, mutation);
    try {
      await this.client.send(new UpdateCommand(Update));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async putMarkerAlone(put: PutCommandInput): Promise<ApplyOutcome> {
    try {
      await this.client.send(new PutCommand(put));
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  /** Reads a subject's day (and optionally hour) counters in a range. */
  async readSubjectActivity(
    platformId: string,
    accountId: string,
    nowMs: number,
    range: { firstDay: string; lastDay: string; firstHour?: string;
      lastHour?: string },
  ): Promise<SubjectActivity> {
    const pk = keys.account(platformId, accountId);
    const [dayItems, hourItems] = await Promise.all([
      this.queryRange(pk, `D#${range.firstDay}`, `D#${range.lastDay}`),
      range.firstHour && range.lastHour
        ? this.queryRange(pk, `H#${range.firstHour}`, `H#${range.lastHour}`)
        : Promise.resolve([]),
    ]);
    return {
      nowMs,
      days: countersBySuffix(dayItems),
      hours: countersBySuffix(hourItems),
    };
  }

  /** Reads messages from an account to one counterpart, and their tie. */
  async readPairActivity(
    platformId: string,
    accountId: string,
    counterpart: Counterpart,
    nowMs: number,
    range: { firstDay: string; lastDay: string },
    mutualConnections: number | undefined,
  ): Promise<PairActivity> {
    const pk = keys.account(platformId, accountId);
    const prefix = keys.pairPrefix(counterpart.accountId);
    const connectionKey = keys.connection(platformId, accountId,
      counterpart.accountId);
    const [items, found] = await Promise.all([
      this.queryRange(pk, prefix + range.firstDay, prefix + range.lastDay),
      this.batchGet([connectionKey]),
    ]);

    const messagesByDay = new Map<string, number>();
    for (const raw of items) {
      const item = pairItem.parse(raw);
      messagesByDay.set(item.sk.slice(prefix.length), item.messages);
    }
    const connection = found.get(keyString(connectionKey));
    return {
      nowMs,
      counterpart,
      messagesByDay,
      connectedSinceMs: connection
        ? connectionItem.parse(connection).connectedSinceMs ?? null : null,
      mutualConnections,
    };
  }

  /** The counterparts a distinct count counted since a time, as evidence. */
  async readCounted(
    platformId: string,
    accountId: string,
    dimension: Dimension,
    sinceMs: number,
  ): Promise<CountedCounterpart[]> {
    const prefix = keys.markPrefix(dimension);
    const items = await this.queryRange(keys.account(platformId, accountId),
      prefix, `${prefix}\uffff`);
    return items
      .map((raw) => storedMark.parse(raw))
      .filter((mark) => mark.countedAtMs >= sinceMs)
      .map((mark) => ({
        accountId: mark.counterpartId,
        ageBand: mark.counterpartAgeBand,
        region: mark.counterpartRegion ?? undefined,
        eventId: mark.eventId,
        occurredAt: mark.occurredAt,
      }));
  }

  /** The first and last message event of each day to one counterpart. */
  async readPairEvents(
    platformId: string,
    accountId: string,
    counterpartId: string,
    range: { firstDay: string; lastDay: string },
  ): Promise<EventRef[]> {
    const prefix = keys.pairPrefix(counterpartId);
    const items = await this.queryRange(keys.account(platformId, accountId),
      prefix + range.firstDay, prefix + range.lastDay);
    return items.flatMap((raw) => {
      const day = storedPairDay.parse(raw);
      const first = { eventId: day.firstEventId, occurredAt: day.firstAt };
      const last = { eventId: day.lastEventId, occurredAt: day.lastAt };
      return first.eventId === last.eventId ? [first] : [first, last];
    });
  }

  private async queryRange(
    pk: string,
    from: string,
    to: string,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Reads items by key, up to 100 a request, the most BatchGetItem takes. */
  private async batchGet(
    wanted: readonly Key[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const unique = dedupeKeys(wanted);
    const chunks: Key[][] = [];
    for (let i = 0; i < unique.length; i += MAX_BATCH_GET_KEYS) {
      chunks.push(unique.slice(i, i + MAX_BATCH_GET_KEYS));
    }
    const found = new Map<string, Record<string, unknown>>();
    await Promise.all(chunks.map(async (chunk) => {
      for (const item of await this.batchGetChunk(chunk)) {
        found.set(keyString(keySchema.parse(item)), item);
      }
    }));
    return found;
  }

  private async batchGetChunk(
    keysToRead: readonly Key[],
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let pending = [...keysToRead];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt);
      const response = await this.client.send(new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: pending, ConsistentRead: true },
        },
      }));
      items.push(...(response.Responses?.[this.tableName] ?? []));
      pending = z.array(keySchema).parse(
        response.UnprocessedKeys?.[this.tableName]?.Keys ?? []);
    }
    return items;
  }
}

function blameCancellation(
  error: unknown,
  transaction: EventTransaction,
): Map<number, 'duplicate' | 'conflict'> {
  if (!(error instanceof TransactionCanceledException)) throw error;

  const reasons: CancellationReason[] = error.CancellationReasons ?? [];
  const retryable = reasons.every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict', undefined]
      .includes(reason.Code));
  if (!retryable) throw error;

  const blame = new Map<number, 'duplicate' | 'conflict'>();
  reasons.forEach((reason, i) => {
    if (reason.Code === 'None' || reason.Code === undefined) return;
    const isMarker = i < transaction.markers;
    for (const position of transaction.owners[i] ?? []) {
      if (isMarker && reason.Code === 'ConditionalCheckFailed') {
        blame.set(position, 'duplicate');
      } else if (blame.get(position) !== 'duplicate') {
        blame.set(position, 'conflict');
      }
    }
  });
  // Cancelled without a reason given: every event must be planned again.
  if (blame.size === 0) {
    transaction.owners.slice(0, transaction.markers)
      .forEach(([position]) => blame.set(position!, 'conflict'));
  }
  return blame;
}

function countersBySuffix(
  items: readonly Record<string, unknown>[],
): Map<string, Record<string, number>> {
  const result = new Map<string, Record<string, number>>();
  for (const raw of items) {
    const item = counterItem.parse(raw);
    const counters: Record<string, number> = {};
    for (const [name, value] of Object.entries(item)) {
      if (typeof value === 'number' && name !== 'expiresAt') {
        counters[name] = value;
      }
    }
    result.set(item.sk.slice(2), counters);
  }
  return result;
}

function keyString(key: Key): string {
  return `${key.pk}\u0000${key.sk}`;
}

function dedupeKeys(wanted: readonly Key[]): Key[] {
  const seen = new Map(wanted.map((key) => [keyString(key), key]));
  return [...seen.values()];
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
