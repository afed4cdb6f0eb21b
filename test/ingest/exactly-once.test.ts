import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/events/schema';
import type { FlagPort } from '../../shared/ingest/ports';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { flagsOf, vigilOn, type Vigil } from './harness';

let table: TestTable;

beforeAll(async () => {
  table = await freshTable();
});

const minorsNamed = (prefix: string, count: number): Account[] =>
  Array.from({ length: count }, (_, i) => minor(`${prefix}-${i + 1}`));

/** Today's stored day counters of one account. */
const todayOf = async (vigil: Vigil, accountId: string) => {
  const activity = await vigil.activity.readSubjectActivity('demo', accountId,
    NOW, { firstDay: '2026-12-03', lastDay: '2026-12-03' });
  return activity.days.get('2026-12-03');
};

describe('counting each event exactly once', () => {
  it('counts concurrent copies of a delivery once and flags once', async () => {
    const rules = RuleBook.parse(JSON.stringify({ schemaVersion: 1,
      defaults: { rules: { 'unconnected-minor-contact': {
        mediumAtDistinctMinors: 4 } } } }));
    const vigil = vigilOn(table, { rules });
    const suspect = adult('copied-adult');
    const requests = minorsNamed('copied-minor', 4).map((m, i) =>
      event('friend_request.sent', suspect, m, { minutesAgo: 30 - i }));

    const results = await Promise.all(Array.from({ length: 4 },
      () => vigil.service.ingest('demo', requests)));

    expect(results.reduce((sum, r) => sum + r.accepted, 0)).toBe(4);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(12);
    expect(results.flatMap((r) => r.flags)).toHaveLength(1);
    expect(await flagsOf(vigil, 'copied-adult')).toHaveLength(1);
    expect(await todayOf(vigil, 'copied-adult')).toEqual({
      requests: 4, requestsToMinors: 4, unlinkedMinorsContacted: 4 });
  });

  it('counts a resend once when half of it was counted before', async () => {
    const vigil = vigilOn(table);
    const child = minor('resend-minor');
    const messages = Array.from({ length: 200 }, (_, i) => event(
      'message.sent', adult('resend-adult'), child,
      { minutesAgo: 3590 - i * 17 }));
    await vigil.service.ingest('demo', messages.filter((_, i) => i % 2 === 0));

    const resent = await vigil.service.ingest('demo', messages);

    expect(resent).toMatchObject({ accepted: 100, duplicates: 100 });
    const pair = await vigil.activity.readPairActivity('demo', 'resend-adult',
      { accountId: child.id, ageBand: child.ageBand }, NOW,
      { firstDay: '2026-12-01', lastDay: '2026-12-03' }, undefined);
    expect([...pair.messagesByDay.values()].reduce((a, b) => a + b, 0))
      .toBe(200);
    expect(await flagsOf(vigil, 'resend-adult')).toHaveLength(1);
  });

  it('counts the first of two events that share an id, not the later',
    async () => {
      const vigil = vigilOn(table);
      const [early, late] = [minor('first-minor'), minor('later-minor')];
      const suspect = adult('first-adult');
      const lateBlock = event('block.created', late, suspect);
      const earlyBlock = { ...event('block.created', early, suspect),
        id: 'shared-id' };
      const repeat = { ...lateBlock, id: 'shared-id' };

      const result = await vigil.service.ingest('demo',
        [lateBlock, earlyBlock, repeat]);

      expect(result).toMatchObject({ accepted: 2, duplicates: 1 });
      const counted = await vigil.activity.readCounted('demo', 'first-adult',
        'blocked-or-reported', 0);
      expect(counted.map((c) => c.eventId).sort())
        .toEqual([lateBlock.id, 'shared-id'].sort());
      expect(counted.find((c) => c.eventId === 'shared-id')?.accountId)
        .toBe('first-minor');
    });

  it('counts one event id once within a single delivery', async () => {
    const vigil = vigilOn(table);
    const block = event('block.created', minor('twice-minor'),
      adult('twice-adult'));

    const result = await vigil.service.ingest('demo', [block, block]);

    expect(result).toMatchObject({ accepted: 1, duplicates: 1, flags: [] });
    expect(await todayOf(vigil, 'twice-adult'))
      .toEqual({ minorsBlockingOrReporting: 1 });
  });

  it('counts a minor once when two deliveries race with different events',
    async () => {
      const vigil = vigilOn(table);
      const suspect = adult('raced-count-adult');
      const child = minor('raced-count-minor');

      await Promise.all([
        vigil.service.ingest('demo', [event('block.created', child, suspect)]),
        vigil.service.ingest('demo', [event('report.created', child, suspect)]),
      ]);

      expect(await todayOf(vigil, 'raced-count-adult'))
        .toEqual({ minorsBlockingOrReporting: 1 });
    });
});

describe('a retry after a failure between counting and flagging', () => {
  it('reports the events as duplicates and still raises the flag', async () => {
    let failures = 1;
    const crashingOnce = (store: FlagPort): FlagPort => ({
      standing: (...args) => store.standing(...args),
      raise: async (...args) => {
        if (failures > 0) {
          failures -= 1;
          throw new Error('simulated crash before the flag was written');
        }
        return store.raise(...args);
      },
    });
    const vigil = vigilOn(table, { flagPort: crashingOnce });
    const suspect = adult('crashed-adult');
    const blocks = minorsNamed('crash-minor', 2).map((m) =>
      event('block.created', m, suspect));

    const first = vigil.service.ingest('demo', blocks);
    await expect(first).rejects.toThrow('simulated crash');
    const retry = await vigil.service.ingest('demo', blocks);

    expect(retry).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(retry.flags).toHaveLength(1);
    expect(retry.flags[0]?.counterpartCount).toBe(2);
    expect(await todayOf(vigil, 'crashed-adult'))
      .toEqual({ minorsBlockingOrReporting: 2 });
  });
});
