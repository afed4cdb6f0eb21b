import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DistinctMarkKey, Mutation } from '../../shared/counters/model';
import type { SocialEvent } from '../../shared/events/schema';
import { DAY_MS } from '../../shared/counters/time';
import { ActivityStore } from '../../shared/store/activity-store';
import { keys } from '../../shared/store/keys';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';

let table: TestTable;
let store: ActivityStore;

beforeAll(async () => {
  table = await freshTable();
  store = new ActivityStore(table.client, table.tableName);
});

const LATER = NOW + DAY_MS;

/** Counts one event, as a delivery of one does. */
const applyOne = async (
  platformId: string,
  eventId: string,
  mutations: readonly Mutation[],
  markerExpiresAtMs: number,
) => (await store.applyEvents(platformId, [{ eventId, mutations }],
  markerExpiresAtMs))[0];

/** Reads what one event's plan depends on. */
const readOne = async (
  event: SocialEvent,
  marks: readonly DistinctMarkKey[],
  withConnection: boolean,
) => (await store.readEventStates('demo',
  [{ event, marks, withConnection }]))[0];

const countDay = (account: string, add: Record<string, number>): Mutation =>
  ({ kind: 'count-day', account, day: '2026-12-03', add,
    expiresAtMs: LATER });

const mark = (
  account: string,
  other: string,
  previousCountedAtMs: number | null,
  countedAtMs = NOW,
): Mutation => ({
  kind: 'mark-distinct',
  key: { account, dimension: 'contact', other },
  previousCountedAtMs,
  countedAtMs,
  counterpart: { accountId: other, ageBand: '13_15' },
  event: { eventId: `evt-${other}-${countedAtMs}`,
    occurredAt: new Date(countedAtMs).toISOString() },
  expiresAtMs: LATER,
});

const stored = async (key: { pk: string; sk: string }) =>
  (await table.client.send(new GetCommand({ TableName: table.tableName,
    Key: key, ConsistentRead: true }))).Item;

const today = (account: string) => store.readSubjectActivity('demo', account,
  NOW, { firstDay: '2026-12-03', lastDay: '2026-12-03' })
  .then((activity) => activity.days.get('2026-12-03'));

describe('ActivityStore.applyEvents, one event at a time', () => {
  it('applies an event once and reports a repeat as a duplicate', async () => {
    const changes = [countDay('once-adult', { requests: 1 })];

    const first = await applyOne('demo', 'once-evt', changes, LATER);
    const repeat = await applyOne('demo', 'once-evt', changes, LATER);

    expect([first, repeat]).toEqual(['applied', 'duplicate']);
    expect(await today('once-adult')).toEqual({ requests: 1 });
  });

  it('writes nothing at all when a mark changed since it was read',
    async () => {
      await applyOne('demo', 'mark-first',
        [mark('stale-adult', 'stale-minor', null)], LATER);

      const outcome = await applyOne('demo', 'mark-second', [
        countDay('stale-adult', { unlinkedMinorsContacted: 1 }),
        mark('stale-adult', 'stale-minor', null, NOW + 1),
      ], LATER);

      expect(outcome).toBe('conflict');
      expect(await today('stale-adult')).toBeUndefined();
      expect(await stored(keys.event('demo', 'mark-second'))).toBeUndefined();
    });

  it('writes only the id marker for an event that changes nothing',
    async () => {
      const first = await applyOne('demo', 'bare-evt', [], LATER);
      const repeat = await applyOne('demo', 'bare-evt', [], LATER);

      expect([first, repeat]).toEqual(['applied', 'duplicate']);
      expect(await stored(keys.event('demo', 'bare-evt')))
        .toEqual({ ...keys.event('demo', 'bare-evt'),
          expiresAt: Math.floor(LATER / 1000) });
    });

  it('records an older connection change without applying it', async () => {
    const connect = (sinceMs: number): Mutation => ({ kind: 'connect',
      a: 'tie-adult', b: 'tie-minor', sinceMs, expiresAtMs: LATER });
    await applyOne('demo', 'tie-new', [connect(NOW)], LATER);

    const outcome = await applyOne('demo', 'tie-old',
      [connect(NOW - 1)], LATER);

    expect(outcome).toBe('applied');
    expect(await stored(keys.connection('demo', 'tie-minor', 'tie-adult')))
      .toMatchObject({ connectedSinceMs: NOW, changedAtMs: NOW });
    expect(await stored(keys.event('demo', 'tie-old'))).toBeDefined();
  });

  it('refuses an older connection change that comes with counts', async () => {
    const connect = (sinceMs: number): Mutation => ({ kind: 'connect',
      a: 'tie2-adult', b: 'tie2-minor', sinceMs, expiresAtMs: LATER });
    const answered: Mutation = { kind: 'count-day', account: 'tie2-adult',
      day: '2026-12-03', add: { minorAnswers: 1 }, expiresAtMs: LATER };
    await applyOne('demo', 'tie2-new', [connect(NOW)], LATER);

    const outcome = await applyOne('demo', 'tie2-old',
      [connect(NOW - 1), answered], LATER);

    expect(outcome).toBe('conflict');
    expect(await stored(keys.day('demo', 'tie2-adult', '2026-12-03')))
      .toBeUndefined();
    expect(await stored(keys.event('demo', 'tie2-old'))).toBeUndefined();
  });

  it('applies a repeated connection change once and calls the repeat a '
    + 'duplicate', async () => {
    const removal: Mutation = { kind: 'disconnect', a: 'cut-b', b: 'cut-a',
      atMs: NOW, expiresAtMs: LATER };

    const outcomes = await Promise.all([1, 2, 3].map(() =>
      applyOne('demo', 'cut-evt', [removal], LATER)));

    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    expect(await stored(keys.connection('demo', 'cut-a', 'cut-b')))
      .toEqual({ ...keys.connection('demo', 'cut-b', 'cut-a'),
        changedAtMs: NOW, expiresAt: Math.floor(LATER / 1000) });
  });
});

describe('ActivityStore.applyEvents', () => {
  /** One adult's requests to `count` minors, as the planner writes them. */
  const requests = (tag: string, count: number) =>
    Array.from({ length: count }, (_, i) => ({
      eventId: `${tag}-evt-${i}`,
      mutations: [
        countDay(`${tag}-adult`, { requests: 1, unlinkedMinorsContacted: 1 }),
        mark(`${tag}-adult`, `${tag}-minor-${i}`, null),
      ],
    }));

  it('adds every event to a counter they share, once each', async () => {
    const outcomes = await store.applyEvents('demo', requests('merge', 30),
      LATER);

    expect(outcomes).toEqual(Array(30).fill('applied'));
    expect(await today('merge-adult'))
      .toEqual({ requests: 30, unlinkedMinorsContacted: 30 });
  });

  it('splits more than a transaction holds and still counts all',
    async () => {
      const outcomes = await store.applyEvents('demo', requests('split', 80),
        LATER);

      expect(outcomes).toEqual(Array(80).fill('applied'));
      expect(await today('split-adult'))
        .toEqual({ requests: 80, unlinkedMinorsContacted: 80 });
    });

  it('names the duplicates and counts the rest once', async () => {
    const writes = requests('again', 5);
    await store.applyEvents('demo', writes.slice(0, 2), LATER);

    const outcomes = await store.applyEvents('demo', writes, LATER);

    expect(outcomes).toEqual(['duplicate', 'duplicate', 'applied', 'applied',
      'applied']);
    expect(await today('again-adult'))
      .toEqual({ requests: 5, unlinkedMinorsContacted: 5 });
  });

  it('sends back only the event whose mark changed, and counts the others',
    async () => {
      const writes = requests('raced', 3);
      await applyOne('demo', 'raced-elsewhere',
        [mark('raced-adult', 'raced-minor-1', null, NOW - 1)], LATER);

      const outcomes = await store.applyEvents('demo', writes, LATER);

      expect(outcomes).toEqual(['applied', 'conflict', 'applied']);
      expect(await today('raced-adult'))
        .toEqual({ requests: 2, unlinkedMinorsContacted: 2 });
      expect(await stored(keys.event('demo', 'raced-evt-1'))).toBeUndefined();
    });

  it('plans a chunk again when one of its events is refused, and only it',
    async () => {
      const [counted, ...rest] = requests('chunked', 3);
      const [first, second] = requests('chunked-pair', 2);
      await store.applyEvents('demo', [counted!], LATER);

      const outcomes = await store.applyEvents('demo', [
        { ...counted!, chunk: 1 },
        { ...rest[0]!, chunk: 1 },
        { ...first!, chunk: 2 },
        { ...second!, chunk: 2 },
      ], LATER);

      expect(outcomes).toEqual(['duplicate', 'replan', 'applied',
        'applied']);
      expect(await stored(keys.event('demo', rest[0]!.eventId)))
        .toBeUndefined();
    });

  it('writes one pair-day item for a burst, with its first and last event',
    async () => {
      const child = { accountId: 'burst-minor', ageBand: '13_15' as const };
      const message = (id: string): Mutation => ({
        kind: 'count-pair-messages', account: 'burst-adult',
        counterpart: child, day: '2026-12-03', messages: 1,
        expiresAtMs: LATER,
        event: { eventId: id, occurredAt: `2026-12-03T10:0${id}:00.000Z` } });

      const outcomes = await store.applyEvents('demo', ['1', '2', '3']
        .map((id) => ({ eventId: `burst-${id}`, mutations: [message(id)],
          chunk: 7 })), LATER);

      expect(outcomes).toEqual(['applied', 'applied', 'applied']);
      expect(await stored(keys.pairDay('demo', 'burst-adult', 'burst-minor',
        '2026-12-03'))).toMatchObject({ messages: 3, firstEventId: '1',
        lastEventId: '3' });
    });

  it('counts concurrent copies of the same events once', async () => {
    const writes = requests('copies', 12);

    const answers = await Promise.all([1, 2, 3].map(() =>
      store.applyEvents('demo', writes, LATER)));

    const applied = writes.map((_, i) =>
      answers.filter((a) => a[i] === 'applied').length);
    expect(applied).toEqual(Array(12).fill(1));
    expect(await today('copies-adult'))
      .toEqual({ requests: 12, unlinkedMinorsContacted: 12 });
  });
});

describe('ActivityStore reads', () => {
  it('reads a removed connection as no connection, dated', async () => {
    const suspect = adult('removed-adult');
    const former = minor('removed-minor');
    await applyOne('demo', 'removed-1', [{ kind: 'connect',
      a: suspect.id, b: former.id, sinceMs: NOW - 10, expiresAtMs: LATER }],
    LATER);
    await applyOne('demo', 'removed-2', [{ kind: 'disconnect',
      a: former.id, b: suspect.id, atMs: NOW - 5, expiresAtMs: LATER }],
    LATER);

    const state = await readOne(
      event('message.sent', suspect, former), [], true);

    expect(state).toEqual({ connectedSinceMs: null,
      connectionChangedAtMs: NOW - 5, markCountedAtMs: new Map() });
  });

  it('lists the minors counted since a time, with their raw ids', async () => {
    await applyOne('demo', 'listed-1', [
      mark('listing-adult', 'kid#1', null, NOW - 2 * DAY_MS),
      mark('listing-adult', 'kid%2', null, NOW),
      mark('listing-adult', 'ребёнок', null, NOW),
    ], LATER);

    const counted = await store.readCounted('demo', 'listing-adult',
      'contact', NOW - DAY_MS);

    expect(counted.map((c) => c.accountId).sort())
      .toEqual(['kid%2', 'ребёнок']);
    expect(await store.readCounted('demo', 'listing-adult', 'viewed', 0))
      .toEqual([]);
  });

  it('keeps the first and last message event of each day of a pair',
    async () => {
      const child = { accountId: 'pair-minor', ageBand: '13_15' as const };
      const message = (day: string, id: string): Mutation => ({
        kind: 'count-pair-messages', account: 'pair-adult', counterpart: child,
        day, messages: 1, expiresAtMs: LATER,
        event: { eventId: id, occurredAt: `${day}T10:00:00.000Z` } });
      for (const [day, id] of [['2026-12-02', 'a'], ['2026-12-03', 'b'],
        ['2026-12-03', 'c'], ['2026-12-03', 'd']]) {
        await applyOne('demo', `pair-${id}`, [message(day!, id!)],
          LATER);
      }

      const refs = await store.readPairEvents('demo', 'pair-adult',
        'pair-minor', { firstDay: '2026-12-01', lastDay: '2026-12-03' });

      expect(refs.map((r) => r.eventId)).toEqual(['a', 'b', 'd']);
    });
});
