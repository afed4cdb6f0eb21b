import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DAY_MS, HOUR_MS } from '../../shared/counters/time';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { vigilOn } from './harness';

let table: TestTable;

/** Every item a delivery of each event type leaves in the table. */
let items: Record<string, unknown>[];

const seconds = (ms: number) => Math.floor(ms / 1000);

beforeAll(async () => {
  table = await freshTable();
  const vigil = vigilOn(table);
  const suspect = adult('kept-adult');
  const friend = minor('kept-friend');
  const result = await vigil.service.ingest('demo', [
    event('friend_request.accepted', friend, suspect, { minutesAgo: 90 }),
    event('friend_request.accepted', minor('kept-former'), suspect,
      { minutesAgo: 80 }),
    event('connection.removed', suspect, minor('kept-former'),
      { minutesAgo: 70 }),
    event('friend_request.sent', suspect, minor('kept-requested'),
      { minutesAgo: 60 }),
    event('message.sent', suspect, minor('kept-messaged'), { minutesAgo: 50 }),
    event('post.viewed', suspect, minor('kept-viewed'),
      { minutesAgo: 40, count: 3 }),
    event('friend_request.rejected', minor('kept-rejecting'), suspect,
      { minutesAgo: 30 }),
    event('block.created', minor('kept-blocking'), suspect, { minutesAgo: 20 }),
    event('report.created', minor('kept-reporting'), suspect,
      { minutesAgo: 10 }),
  ]);
  expect(result.flags).toHaveLength(1);

  const scan = await table.client.send(new ScanCommand({
    TableName: table.tableName }));
  items = scan.Items ?? [];
});

const keyed = z.looseObject({ pk: z.string(), sk: z.string(),
  expiresAt: z.number() });

/** The items whose keys match, with their TTL in epoch seconds. */
const itemsLike = (pk: RegExp, sk: RegExp) =>
  items.map((item) => keyed.parse(item))
    .filter((item) => pk.test(item.pk) && sk.test(item.sk));

const ofAccount = /^A#demo#/;

describe('the expiry of every item ingest writes', () => {
  it('gives every item a numeric expiresAt in the future', () => {
    expect(items.length).toBeGreaterThan(20);
    for (const item of items) {
      expect(keyed.parse(item).expiresAt).toBeGreaterThan(seconds(NOW));
    }
  });

  it('writes no item of a kind this test does not know', () => {
    const kinds = items.map((item) => keyed.parse(item))
      .map((item) => `${item.pk.split('#')[0]}#${item.sk.split('#')[0]}`);

    expect([...new Set(kinds)].sort()).toEqual(['A#C', 'A#D', 'A#H', 'A#M',
      'A#O', 'A#P', 'E#E', 'P#F']);
  });

  it('forgets event ids 96 hours after counting them', () => {
    const markers = itemsLike(/^E#demo#/, /^E$/);

    expect(markers).toHaveLength(9);
    for (const marker of markers) {
      expect(marker.expiresAt).toBe(seconds(NOW + 96 * HOUR_MS));
    }
  });

  it('keeps day counters 31 days from the start of their day', () => {
    const [day] = itemsLike(ofAccount, /^D#2026-12-03$/);

    expect(day?.expiresAt)
      .toBe(seconds(Date.parse('2026-12-03T00:00:00Z') + 31 * DAY_MS));
  });

  it('keeps hour counters two days from the start of their hour', () => {
    const [hour] = itemsLike(ofAccount, /^H#2026-12-03T11$/);

    expect(hour?.expiresAt)
      .toBe(seconds(Date.parse('2026-12-03T11:00:00Z') + 2 * DAY_MS));
  });

  it('keeps message counts of a pair 15 days from the start of their day',
    () => {
      const [pair] = itemsLike(ofAccount, /^P#kept-messaged#2026-12-03$/);

      expect(pair?.expiresAt)
        .toBe(seconds(Date.parse('2026-12-03T00:00:00Z') + 15 * DAY_MS));
    });

  it('keeps each distinct mark for its rule window and a day', () => {
    const markFor = (dimension: string, minorId: string) =>
      itemsLike(ofAccount, new RegExp(`^M#${dimension}#${minorId}$`))[0];
    const countedAt = (minutesAgo: number) => NOW - minutesAgo * 60_000;

    expect(markFor('contact', 'kept-requested')?.expiresAt)
      .toBe(seconds(countedAt(60) + 8 * DAY_MS));
    expect(markFor('viewed', 'kept-viewed')?.expiresAt)
      .toBe(seconds(countedAt(40) + 2 * DAY_MS));
    expect(markFor('rejected', 'kept-rejecting')?.expiresAt)
      .toBe(seconds(countedAt(30) + 31 * DAY_MS));
    expect(markFor('blocked-or-reported', 'kept-reporting')?.expiresAt)
      .toBe(seconds(countedAt(10) + 31 * DAY_MS));
  });

  it('keeps a connection a year and a removal four days, one item each',
    () => {
      const connections = itemsLike(/^A#demo#kept-/, /^C#/);
      const expiryOf = (pk: string, sk: string) => connections
        .find((item) => item.pk === pk && item.sk === sk)?.expiresAt;

      expect(connections).toHaveLength(2);
      expect(expiryOf('A#demo#kept-adult', 'C#kept-friend'))
        .toBe(seconds(NOW - 90 * 60_000 + 365 * DAY_MS));
      expect(expiryOf('A#demo#kept-adult', 'C#kept-former'))
        .toBe(seconds(NOW - 70 * 60_000 + 4 * DAY_MS));
    });

  it('keeps a flag and its lock for at least a month and at most two years',
    () => {
      const flagItems = [...itemsLike(/^P#demo$/, /^F#/),
        ...itemsLike(ofAccount, /^O#/)];

      expect(flagItems).toHaveLength(2);
      for (const item of flagItems) {
        expect(item.expiresAt).toBeGreaterThan(seconds(NOW + 30 * DAY_MS));
        expect(item.expiresAt).toBeLessThan(seconds(NOW + 2 * 365 * DAY_MS));
      }
    });
});
