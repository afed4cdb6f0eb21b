import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/counters/model';
import {
  MAX_TRANSACTION_ITEMS,
  packEventTransactions,
  type PlannedWrite,
} from '../../shared/store/event-transactions';

const countDay = (account: string, add: Record<string, number>,
  expiresAtMs = 1_000_000): Mutation => ({ kind: 'count-day', account,
  day: '2026-12-03', add, expiresAtMs });

const mark = (account: string, other: string): Mutation => ({
  kind: 'mark-distinct',
  key: { account, dimension: 'contact', other },
  previousCountedAtMs: null,
  countedAtMs: 0,
  counterpart: { accountId: other, ageBand: '13_15' },
  event: { eventId: `evt-${other}`, occurredAt: '2026-12-03T10:00:00Z' },
  expiresAtMs: 1_000_000,
});

const pack = (writes: PlannedWrite[]) =>
  packEventTransactions('t', 'demo', writes, 2_000_000);

describe('packEventTransactions', () => {
  it('merges additions to one counter into one write', () => {
    const [transaction, ...rest] = pack([
      { eventId: 'a', mutations: [countDay('adult', { requests: 1 }, 5_000)] },
      { eventId: 'b', mutations: [countDay('adult',
        { requests: 1, requestsToMinors: 2 }, 9_000)] },
    ]);

    expect(rest).toEqual([]);
    expect(transaction!.markers).toBe(2);
    expect(transaction!.owners).toEqual([[0], [1], [0, 1]]);
    expect(transaction!.items[2]).toEqual({ Update: {
      TableName: 't',
      Key: { pk: 'A#demo#adult', sk: 'D#2026-12-03' },
      UpdateExpression: 'ADD #c0 :c0, #c1 :c1 SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': 'expiresAt', '#c0': 'requests',
        '#c1': 'requestsToMinors' },
      ExpressionAttributeValues: { ':ttl': 9, ':c0': 2, ':c1': 2 },
    } });
  });

  it('keeps two writes of one mark in different transactions', () => {
    const transactions = pack([
      { eventId: 'a', mutations: [mark('adult', 'minor')] },
      { eventId: 'b', mutations: [mark('adult', 'minor')] },
    ]);

    expect(transactions.map((t) => t.owners)).toEqual([[[0], [0]],
      [[1], [1]]]);
  });

  it('never puts more items in a transaction than DynamoDB takes', () => {
    const writes = Array.from({ length: 120 }, (_, i) => ({
      eventId: `e${i}`,
      mutations: [countDay('adult', { requests: 1 }), mark('adult', `m${i}`)],
    }));

    const transactions = pack(writes);

    // 49 markers and marks with their one counter, twice; then the rest.
    expect(transactions.map((t) => t.items.length)).toEqual([99, 99, 45]);
    expect(transactions.every((t) =>
      t.items.length <= MAX_TRANSACTION_ITEMS)).toBe(true);
    expect(transactions.flatMap((t) => t.owners.slice(0, t.markers)).flat()
      .sort((a, b) => a - b)).toEqual(writes.map((_, i) => i));
  });
});
