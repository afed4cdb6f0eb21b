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
  connectionChange,
  isConnectionChange,
  toTransactItems,
} from './mutations';

/** How an attempt to count one event ended. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'conflict';

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
    const markKeys = marks.map((mark) =>
      keys.mark(platformId, mark.account, mark.dimension, mark.other));
    const connectionKey = keys.connection(platformId, event.actor.id,
      event.target.id);
    const wanted = withConnection ? [...markKeys, connectionKey] : markKeys;
    const items = await this.batchGet(wanted);

    const markCountedAtMs = new Map<string, number | null>();
    marks.forEach((mark, i) => {
      const found = items.get(keyString(markKeys[i]!));
      markCountedAtMs.set(markId(mark),
        found ? markItem.parse(found).countedAtMs : null);
    });
    const found = items.get(keyString(connectionKey));
    const connection = withConnection && found
      ? connectionItem.parse(found) : undefined;
    return {
      connectedSinceMs: connection?.connectedSinceMs ?? null,
      connectionChangedAtMs: connection?.changedAtMs ?? null,
      markCountedAtMs,
    };
  }

  /**
   * Counts one event exactly once: its id marker and every counter change
   * commit together or not at all. A marker that exists already means the
   * event was counted before; a changed distinct mark or connection means
   * another request got there first and the caller should re-read and
   * re-plan. An event that only changes a connection applies the change
   * and then writes its marker, two plain writes instead of a transaction.
   */
  async applyEvent(
    platformId: string,
    eventId: string,
    mutations: readonly Mutation[],
    markerExpiresAtMs: number,
  ): Promise<ApplyOutcome> {
    const marker = {
      Put: {
        TableName: this.tableName,
        Item: {
          ...keys.event(platformId, eventId),
          expiresAt: Math.floor(markerExpiresAtMs / 1000),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    // Most events change nothing but their marker; one conditional write is
    // as atomic as a transaction and costs half the write units.
    if (mutations.length === 0) return this.putMarkerAlone(marker.Put);
    // A connection change is idempotent, so it needs no transaction with the
    // marker: written first, a retry after a failure in between applies it
    // again harmlessly and then records the event.
    if (mutations.every(isConnectionChange)) {
      for (const mutation of mutations) {
        await this.changeConnection(platformId, mutation);
      }
      return this.putMarkerAlone(marker.Put);
    }

    const items = [marker,
      ...toTransactItems(this.tableName, platformId, mutations)];
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'applied';
    } catch (error) {
      return classifyCancellation(error);
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

  private async batchGet(
    wanted: readonly Key[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    let pending = dedupeKeys(wanted);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt > 0) await backoff(attempt);
      const response = await this.client.send(new BatchGetCommand({
        RequestItems: {
          [this.tableName]: { Keys: pending, ConsistentRead: true },
        },
      }));
      for (const item of response.Responses?.[this.tableName] ?? []) {
        const key = z.object({ pk: z.string(), sk: z.string() }).parse(item);
        found.set(keyString(key), item);
      }
      pending = z.array(z.object({ pk: z.string(), sk: z.string() })).parse(
        response.UnprocessedKeys?.[this.tableName]?.Keys ?? []);
    }
    return found;
  }
}

function classifyCancellation(error: unknown): ApplyOutcome {
  if (!(error instanceof TransactionCanceledException)) throw error;

  const reasons: CancellationReason[] = error.CancellationReasons ?? [];
  if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';

  const retryable = reasons.every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict', undefined]
      .includes(reason.Code));
  if (retryable) return 'conflict';
  throw error;
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
