import type { Mutation } from '../counters/model';
import { keys } from './keys';

export type TransactItem = NonNullable<
  import('@aws-sdk/lib-dynamodb').TransactWriteCommandInput['TransactItems']
>[number];

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A connection change applies only over an older one. The planner skips
 * older changes it sees; this catches one that raced in after the read.
 */
const LATEST_CHANGE =
  'attribute_not_exists(changedAtMs) OR changedAtMs < :since';

/** Translates planned mutations into the writes of one transaction. */
export function toTransactItems(
  tableName: string,
  platformId: string,
  mutations: readonly Mutation[],
): TransactItem[] {
  return mutations.flatMap((mutation) =>
    toItems(tableName, platformId, mutation));
}

function toItems(
  TableName: string,
  platformId: string,
  mutation: Mutation,
): TransactItem[] {
  switch (mutation.kind) {
    case 'count-day':
      return [addCounters(TableName,
        keys.day(platformId, mutation.account, mutation.day),
        mutation.add, mutation.expiresAtMs)];
    case 'count-hour':
      return [addCounters(TableName,
        keys.hour(platformId, mutation.account, mutation.hour),
        mutation.add, mutation.expiresAtMs)];
    case 'count-pair-messages':
      return [countPairMessages(TableName, platformId, mutation)];
    case 'mark-distinct':
      return [putMark(TableName, platformId, mutation)];
    case 'connect':
    case 'disconnect':
      return [connectionChange(TableName, platformId, mutation)];
  }
}

type ConnectionChange = Extract<Mutation, { kind: 'connect' | 'disconnect' }>;

/** Whether a mutation only changes a connection: such writes are idempotent. */
export function isConnectionChange(
  mutation: Mutation,
): mutation is ConnectionChange {
  return mutation.kind === 'connect' || mutation.kind === 'disconnect';
}

/**
 * The write of one connection change. Applying it twice changes nothing the
 * second time: the condition admits only a change newer than the stored
 * one, and a repeat carries the same time.
 */
export function connectionChange(
  TableName: string,
  platformId: string,
  mutation: ConnectionChange,
): { Update: NonNullable<TransactItem['Update']> } {
  return mutation.kind === 'connect'
    ? connect(TableName, platformId, mutation)
    : disconnect(TableName, platformId, mutation);
}

function addCounters(
  TableName: string,
  Key: { pk: string; sk: string },
  add: Record<string, number | undefined>,
  expiresAtMs: number,
): TransactItem {
  const names: Record<string, string> = { '#ttl': 'expiresAt' };
  const values: Record<string, number> = { ':ttl': seconds(expiresAtMs) };
  const additions: string[] = [];
  Object.entries(add).forEach(([counter, amount], i) => {
    if (amount === undefined) return;
    names[`#c${i}`] = counter;
    values[`:c${i}`] = amount;
    additions.push(`#c${i} :c${i}`);
  });
  return {
    Update: {
      TableName,
      Key,
      UpdateExpression: `ADD ${additions.join(', ')} SET #ttl = :ttl`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function countPairMessages(
  TableName: string,
  platformId: string,
  mutation: Extract<Mutation, { kind: 'count-pair-messages' }>,
): TransactItem {
  const { counterpart, event } = mutation;
  const first = mutation.firstEvent ?? event;
  return {
    Update: {
      TableName,
      Key: keys.pairDay(platformId, mutation.account, counterpart.accountId,
        mutation.day),
      UpdateExpression:
        'ADD messages :n SET expiresAt = :ttl, counterpartId = :id, ' +
        'counterpartAgeBand = :band, counterpartRegion = :region, ' +
        'firstEventId = if_not_exists(firstEventId, :firstId), ' +
        'firstAt = if_not_exists(firstAt, :firstAt), ' +
        'lastEventId = :lastId, lastAt = :lastAt',
      ExpressionAttributeValues: {
        ':n': mutation.messages,
        ':ttl': seconds(mutation.expiresAtMs),
        ':id': counterpart.accountId,
        ':band': counterpart.ageBand,
        ':region': counterpart.region ?? null,
        ':firstId': first.eventId,
        ':firstAt': first.occurredAt,
        ':lastId': event.eventId,
        ':lastAt': event.occurredAt,
      },
    },
  };
}

function putMark(
  TableName: string,
  platformId: string,
  mutation: Extract<Mutation, { kind: 'mark-distinct' }>,
): TransactItem {
  const { key, counterpart, event, previousCountedAtMs } = mutation;
  const unchanged = previousCountedAtMs === null
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: 'countedAtMs = :previous',
        ExpressionAttributeValues: { ':previous': previousCountedAtMs },
      };
  return {
    Put: {
      TableName,
      Item: {
        ...keys.mark(platformId, key.account, key.dimension, key.other),
        countedAtMs: mutation.countedAtMs,
        counterpartId: counterpart.accountId,
        counterpartAgeBand: counterpart.ageBand,
        counterpartRegion: counterpart.region,
        eventId: event.eventId,
        occurredAt: event.occurredAt,
        expiresAt: seconds(mutation.expiresAtMs),
      },
      ...unchanged,
    },
  };
}

function connect(
  TableName: string,
  platformId: string,
  mutation: Extract<Mutation, { kind: 'connect' }>,
) {
  return {
    Update: {
      TableName,
      Key: keys.connection(platformId, mutation.a, mutation.b),
      // The first acceptance dates the connection; a repeat keeps it.
      UpdateExpression:
        'SET connectedSinceMs = if_not_exists(connectedSinceMs, :since), ' +
        'changedAtMs = :since, expiresAt = :ttl',
      ConditionExpression: LATEST_CHANGE,
      ExpressionAttributeValues: {
        ':since': mutation.sinceMs,
        ':ttl': seconds(mutation.expiresAtMs),
      },
    },
  };
}

/**
 * Keeps the time of a removal instead of deleting the connection, so that
 * an older acceptance arriving late cannot bring it back.
 */
function disconnect(
  TableName: string,
  platformId: string,
  mutation: Extract<Mutation, { kind: 'disconnect' }>,
) {
  return {
    Update: {
      TableName,
      Key: keys.connection(platformId, mutation.a, mutation.b),
      UpdateExpression:
        'REMOVE connectedSinceMs SET changedAtMs = :since, expiresAt = :ttl',
      ConditionExpression: LATEST_CHANGE,
      ExpressionAttributeValues: {
        ':since': mutation.atMs,
        ':ttl': seconds(mutation.expiresAtMs),
      },
    },
  };
}
