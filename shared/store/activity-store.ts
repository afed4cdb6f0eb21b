import {
  BatchGetCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { AGE_BANDS, type SocialEvent } from '../events/schema';
import type {
  Counterpart,
  Dimension,
  DistinctMarkKey,
  EventRef,
} from '../counters/model';
import type { CountedCounterpart } from '../flags/build';
import { markId, type EventState } from '../counters/plan';
import type { PairActivity, SubjectActivity } from '../rules/evaluate';
import { keys, type Key } from './keys';
import { EventCommits, type ApplyOutcome } from './event-commits';
import type { PlannedWrite } from './event-transactions';

/** What one event's plan needs read: its distinct marks, and its tie. */
export interface StateRequest {
  event: SocialEvent;
  marks: readonly DistinctMarkKey[];
  withConnection: boolean;
}

/** DynamoDB's ceiling on the keys of one BatchGetItem request. */
const MAX_BATCH_GET_KEYS = 100;

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
  private readonly commits: EventCommits;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.commits = new EventCommits(client, tableName);
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

  /** Counts each event exactly once; see EventCommits.apply. */
  applyEvents(
    platformId: string,
    writes: readonly PlannedWrite[],
    markerExpiresAtMs: number,
  ): Promise<ApplyOutcome[]> {
    return this.commits.apply(platformId, writes, markerExpiresAtMs);
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
