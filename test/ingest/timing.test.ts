import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../shared/counters/time';
import type { Account, SocialEvent } from '../../shared/events/schema';
import { UntimelyEventsError } from '../../shared/ingest/ingest-service';
import { checkTimeliness } from '../../shared/ingest/timeliness';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { vigilOn } from './harness';

let table: TestTable;

beforeAll(async () => {
  table = await freshTable();
});

const at = (iso: string) => ({ occurredAt: iso });

const blockAt = (by: Account, of: Account, occurredAtMs: number) =>
  event('block.created', by, of,
    at(new Date(occurredAtMs).toISOString()));

describe('how late or early an event may be', () => {
  const timed = (occurredAtMs: number): SocialEvent =>
    blockAt(minor('timed-minor'), adult('timed-adult'), occurredAtMs);

  it('accepts an event exactly 72 hours old', () => {
    expect(checkTimeliness([timed(NOW - 72 * HOUR_MS)], NOW)).toEqual([]);
  });

  it('refuses an event a millisecond older than 72 hours, saying why', () => {
    expect(checkTimeliness([timed(NOW - 72 * HOUR_MS - 1)], NOW)).toEqual([{
      path: ['events', 0, 'occurredAt'],
      message: 'occurredAt is more than 72 hours in the past; Vigil counts ' +
        'events only within 72 hours of when they happened',
    }]);
  });

  it('accepts an event five minutes ahead of the service clock', () => {
    expect(checkTimeliness([timed(NOW + 5 * 60_000)], NOW)).toEqual([]);
  });

  it('refuses an event further ahead, naming its position', () => {
    const issues = checkTimeliness(
      [timed(NOW), timed(NOW + 5 * 60_000 + 1)], NOW);

    expect(issues).toEqual([{
      path: ['events', 1, 'occurredAt'],
      message: 'occurredAt is more than 5 minutes in the future; check the ' +
        'clock of the sending system',
    }]);
  });

  it('counts nothing of a delivery holding one untimely event', async () => {
    const vigil = vigilOn(table);
    const suspect = adult('untimely-adult');

    const ingest = vigil.service.ingest('demo', [
      blockAt(minor('untimely-1'), suspect, NOW - HOUR_MS),
      blockAt(minor('untimely-2'), suspect, NOW - 73 * HOUR_MS),
    ]);

    await expect(ingest).rejects.toBeInstanceOf(UntimelyEventsError);
    const retry = await vigil.service.ingest('demo', [
      blockAt(minor('untimely-1'), suspect, NOW - HOUR_MS),
    ]);
    expect(retry).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});

describe('events delivered out of order', () => {
  it('flags from an older event that arrives after a newer one', async () => {
    const vigil = vigilOn(table);
    const suspect = adult('older-later-adult');

    const newer = await vigil.service.ingest('demo',
      [blockAt(minor('older-later-1'), suspect, NOW - HOUR_MS)]);
    const older = await vigil.service.ingest('demo',
      [blockAt(minor('older-later-2'), suspect, NOW - 60 * HOUR_MS)]);

    expect(newer.flags).toEqual([]);
    expect(older.flags[0]?.window.from).toBe('2026-11-04T00:00:00.000Z');
  });
});

describe('events stamped ahead of the service clock', () => {
  it('judges an event stamped just past midnight by a fast clock',
    async () => {
      const beforeMidnight = Date.parse('2026-12-03T23:58:00Z');
      const vigil = vigilOn(table, { now: () => beforeMidnight });
      const suspect = adult('fast-clock-adult');

      const result = await vigil.service.ingest('demo', [
        blockAt(minor('fast-clock-1'), suspect, beforeMidnight - 60_000),
        blockAt(minor('fast-clock-2'), suspect,
          Date.parse('2026-12-04T00:02:00Z')),
      ]);

      expect(result.flags.map((f) => f.ruleId))
        .toEqual(['blocked-or-reported-by-minors']);
      expect(result.flags[0]?.raisedAt).toBe('2026-12-03T23:58:00.000Z');
    });
});
