import { describe, expect, it } from 'vitest';
import type { EventRef } from '../../shared/counters/model';
import { buildFlag, type CountedCounterpart, type FlagInput } from
  '../../shared/flags/build';
import { EVIDENCE_LIST_LIMIT, flagSchema } from '../../shared/flags/flag';
import type { RuleDecision } from '../../shared/rules/evaluate';
import { NOW, adult } from '../support/events';

const DECISION: RuleDecision = {
  ruleId: 'blocked-or-reported-by-minors',
  ruleVersion: 1,
  severity: 'high',
  window: { from: '2026-11-04T00:00:00.000Z',
    to: '2026-12-03T23:59:59.999Z' },
  measurements: [
    { name: 'distinctMinorsBlockingOrReporting', value: 2, threshold: 2 },
  ],
};

const minutesBefore = (minutes: number) =>
  new Date(NOW - minutes * 60_000).toISOString();

const ref = (id: string, minutesAgo: number): EventRef =>
  ({ eventId: id, occurredAt: minutesBefore(minutesAgo) });

const counted = (
  id: string,
  minutesAgo: number,
  region?: string,
): CountedCounterpart => ({
  accountId: id,
  ageBand: '13_15',
  ...(region ? { region } : {}),
  ...ref(`evt-${id}`, minutesAgo),
});

const input = (overrides: Partial<FlagInput> = {}): FlagInput => ({
  platformId: 'demo',
  subject: adult('suspect', 'GB-DBY'),
  decision: DECISION,
  counterparts: [counted('m1', 30, 'GB-LND'), counted('m2', 10, 'GB-MAN')],
  triggeringEvents: [ref('evt-m1', 30), ref('evt-m2', 10)],
  raisedAtMs: NOW,
  supersedes: null,
  ...overrides,
});

describe('buildFlag', () => {
  it('assembles an open flag from the decision and its evidence', () => {
    const flag = buildFlag(input());

    expect(flag).toEqual({
      flagId: expect.stringMatching(/^flg_20261203T115000_[\w-]{16}$/),
      platformId: 'demo',
      accountId: 'suspect',
      ruleId: 'blocked-or-reported-by-minors',
      ruleVersion: 1,
      severity: 'high',
      status: 'open',
      raisedAt: '2026-12-03T12:00:00.000Z',
      window: DECISION.window,
      measurements: DECISION.measurements,
      subject: { ageBand: '18_plus', region: 'GB-DBY' },
      counterparts: [
        { accountId: 'm2', ageBand: '13_15', region: 'GB-MAN',
          eventId: 'evt-m2', occurredAt: minutesBefore(10) },
        { accountId: 'm1', ageBand: '13_15', region: 'GB-LND',
          eventId: 'evt-m1', occurredAt: minutesBefore(30) },
      ],
      counterpartCount: 2,
      regionsInvolved: ['GB-DBY', 'GB-LND', 'GB-MAN'],
      triggeringEventIds: ['evt-m1', 'evt-m2'],
    });
    expect(flagSchema.parse(flag)).toEqual(flag);
  });

  it('names the flag after its latest triggering event in any order', () => {
    const forward = buildFlag(input());
    const backward = buildFlag(input({
      triggeringEvents: [ref('evt-m2', 10), ref('evt-m1', 30)],
    }));
    const latestOnly = buildFlag(input({
      triggeringEvents: [ref('evt-m2', 10)],
    }));

    expect(backward.flagId).toBe(forward.flagId);
    expect(latestOnly.flagId).toBe(forward.flagId);
  });

  it('names a flag of another severity or trigger differently', () => {
    const medium = buildFlag(input({
      decision: { ...DECISION, severity: 'medium' },
    }));
    const later = buildFlag(input({
      triggeringEvents: [ref('evt-m3', 5)],
    }));

    expect(new Set([buildFlag(input()).flagId, medium.flagId, later.flagId]))
      .toHaveProperty('size', 3);
  });

  it('lists at most 25 counterparts, most recent first, counting all', () => {
    const many = Array.from({ length: 40 }, (_, i) => counted(`m${i}`, i));

    const flag = buildFlag(input({ counterparts: many }));

    expect(flag.counterparts).toHaveLength(EVIDENCE_LIST_LIMIT);
    expect(flag.counterparts.map((c) => c.accountId))
      .toEqual(many.slice(0, 25).map((c) => c.accountId));
    expect(flag.counterpartCount).toBe(40);
  });

  it('counts a minor listed twice once', () => {
    const flag = buildFlag(input({
      counterparts: [counted('m1', 5), counted('m1', 50)],
    }));

    expect(flag.counterpartCount).toBe(1);
  });

  it('lists every region involved once, unknown ones as "unknown"', () => {
    const flag = buildFlag(input({
      subject: { id: 'suspect', ageBand: '18_plus' },
      counterparts: [counted('m1', 1, 'GB-LND'), counted('m2', 2),
        counted('m3', 3, 'GB-LND')],
    }));

    expect(flag.regionsInvolved).toEqual(['GB-LND', 'unknown']);
    expect(flag.subject).toEqual({ ageBand: '18_plus' });
  });

  it('lists the 25 latest triggering events, whatever order they came in',
    () => {
      const newestFirst = Array.from({ length: 30 },
        (_, i) => ref(`evt-${i}`, i));

      const flag = buildFlag(input({ triggeringEvents: newestFirst }));

      expect(flag.triggeringEventIds).toHaveLength(EVIDENCE_LIST_LIMIT);
      expect(flag.triggeringEventIds).toContain('evt-0');
      expect(flag.triggeringEventIds).not.toContain('evt-29');
    });

  it('records the flag it supersedes only when there is one', () => {
    const superseding = buildFlag(input({ supersedes: 'flg_earlier' }));

    expect(superseding.supersedes).toBe('flg_earlier');
    expect(buildFlag(input())).not.toHaveProperty('supersedes');
  });

  it('refuses to build a flag with no triggering event', () => {
    expect(() => buildFlag(input({ triggeringEvents: [] })))
      .toThrow('a flag needs at least one triggering event');
  });
});
