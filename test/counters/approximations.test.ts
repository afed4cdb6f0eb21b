import { describe, expect, it } from 'vitest';
import type { DistinctMarkKey } from '../../shared/counters/model';
import { planEvent } from '../../shared/counters/plan';
import {
  DAY_MS,
  HOUR_MS,
  daysEndingAt,
  hoursEndingAt,
} from '../../shared/counters/time';
import { RuleBook } from '../../shared/rules/rule-book';
import { NOW, adult, minor } from '../support/events';
import { eventAt, stored } from './planning';

const SETTINGS = RuleBook.defaults().settingsFor('demo');

/** A small seeded generator, so a failing sequence can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Plans one minor's repeated contacts or views in time order, as storage
 * would apply them, and returns how much each day's or hour's distinct
 * count grew.
 */
function distinctGrowth(
  type: 'friend_request.sent' | 'post.viewed',
  times: readonly number[],
): Map<string, number> {
  const growth = new Map<string, number>();
  const grow = (bucket: string, by = 0) =>
    growth.set(bucket, (growth.get(bucket) ?? 0) + by);
  const dimension = type === 'post.viewed' ? 'viewed' : 'contact';
  let countedAtMs: number | null = null;

  for (const atMs of times) {
    const e = eventAt(type, adult('adult-1'), minor('minor-1'),
      { occurredAt: new Date(atMs).toISOString() });
    const key = { account: 'adult-1', dimension, other: 'minor-1' } as const;
    const marks: [DistinctMarkKey, number][] =
      countedAtMs === null ? [] : [[key, countedAtMs]];
    for (const m of planEvent(e, SETTINGS, stored({ marks })).mutations) {
      if (m.kind === 'mark-distinct') countedAtMs = m.countedAtMs;
      if (m.kind === 'count-day') grow(m.day, m.add.unlinkedMinorsContacted);
      if (m.kind === 'count-hour') grow(m.hour, m.add.minorsViewed);
    }
  }
  return growth;
}

const sortedTimes = (random: () => number, count: number, spanMs: number) =>
  Array.from({ length: count }, () => NOW - Math.floor(random() * spanMs))
    .sort((a, b) => a - b);

describe('distinct counts never overcount', () => {
  it('counts one minor at most once in any seven-day window', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const times = sortedTimes(seeded(seed), 12, 40 * DAY_MS);
      const perDay = distinctGrowth('friend_request.sent', times);

      for (let back = 0; back < 40; back += 1) {
        const window = daysEndingAt(NOW - back * DAY_MS, 7);
        const counted = window.reduce((n, d) => n + (perDay.get(d) ?? 0), 0);
        expect(counted, `seed ${seed}, ${back} days back`)
          .toBeLessThanOrEqual(1);
      }
    }
  });

  it('counts one minor at most once in any 24-hour view window', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const times = sortedTimes(seeded(seed), 12, 5 * DAY_MS);
      const perHour = distinctGrowth('post.viewed', times);

      for (let back = 0; back < 5 * 24; back += 1) {
        const window = hoursEndingAt(NOW - back * HOUR_MS, 24);
        const counted = window.reduce((n, h) => n + (perHour.get(h) ?? 0), 0);
        expect(counted, `seed ${seed}, ${back} hours back`)
          .toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('distinct counts may undercount at a window\'s edge', () => {
  it('misses a minor counted just before the window and contacted in it',
    () => {
      // Counted on the 7th day back at 23:00, contacted again 6.5 days
      // later: too soon to count again, yet the first count has left the
      // window that now ends today.
      const first = Date.parse('2026-11-26T23:00:00Z');
      const again = first + 6.5 * DAY_MS;
      const perDay = distinctGrowth('friend_request.sent', [first, again]);

      const window = daysEndingAt(again, 7);
      const counted = window.reduce((n, d) => n + (perDay.get(d) ?? 0), 0);

      expect(window[0]).toBe('2026-11-27');
      expect(counted).toBe(0);
    });
});
