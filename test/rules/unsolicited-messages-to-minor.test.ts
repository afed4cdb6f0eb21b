import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import type { RuleSettings } from '../../shared/rules/config';
import {
  evaluatePair,
  type PairActivity,
} from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import { NOW } from '../support/events';
import {
  MINOR,
  daysAgo,
  pairActivity,
  rulesDocument,
  settingsWith,
} from './activity';

const judge = (
  pair: PairActivity,
  settings: RuleSettings = RuleBook.defaults().settingsFor('demo'),
) => evaluatePair(settings, pair);

/** `total` messages spread over today and the days before, one day each. */
const messages = (total: number, onDays = 3) => {
  const perDay: Record<string, number> = {};
  for (let i = 0; i < onDays; i += 1) {
    perDay[daysAgo(i)] = Math.floor(total / onDays) +
      (i < total % onDays ? 1 : 0);
  }
  return perDay;
};

describe('unsolicited-messages-to-minor: messages', () => {
  it('stays quiet at 29 messages', () => {
    expect(judge(pairActivity(messages(29)))).toBeNull();
  });

  it('raises high at exactly 30, naming the minor, with measurements', () => {
    expect(judge(pairActivity(messages(30)))).toEqual({
      ruleId: 'unsolicited-messages-to-minor',
      ruleVersion: 1,
      severity: 'high',
      window: {
        from: '2026-11-20T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z',
      },
      measurements: [
        { name: 'messagesToOneMinor', value: 30, threshold: 30 },
        { name: 'daysWithMessages', value: 3, threshold: 3 },
      ],
      counterpart: MINOR,
    });
  });

  it('raises at 31', () => {
    expect(judge(pairActivity(messages(31)))?.measurements[0]?.value)
      .toBe(31);
  });
});

describe('unsolicited-messages-to-minor: days with messages', () => {
  it('stays quiet when 40 messages fall on 2 days', () => {
    expect(judge(pairActivity(messages(40, 2)))).toBeNull();
  });

  it('raises when they fall on exactly 3 days', () => {
    expect(judge(pairActivity(messages(40, 3)))?.measurements[1]?.value)
      .toBe(3);
  });

  it('raises when they fall on 4 days', () => {
    expect(judge(pairActivity(messages(40, 4)))?.measurements[1]?.value)
      .toBe(4);
  });
});

describe('unsolicited-messages-to-minor: fourteen-day window', () => {
  it('counts the 13th day back', () => {
    const pair = pairActivity({ [daysAgo(0)]: 20, [daysAgo(1)]: 9,
      [daysAgo(13)]: 1 });

    expect(judge(pair)?.measurements[0]?.value).toBe(30);
  });

  it('leaves out the 14th day back', () => {
    const pair = pairActivity({ [daysAgo(0)]: 20, [daysAgo(1)]: 9,
      [daysAgo(14)]: 1 });

    expect(judge(pair)).toBeNull();
  });
});

describe('unsolicited-messages-to-minor: the tie to the minor', () => {
  const connectedAgo = (ms: number, mutualConnections?: number) =>
    pairActivity(messages(30), {
      connectedSinceMs: NOW - ms,
      ...(mutualConnections === undefined ? {} : { mutualConnections }),
    });

  it('raises for a connection one millisecond short of 14 days', () => {
    expect(judge(connectedAgo(14 * DAY_MS - 1, 0))).not.toBeNull();
  });

  it('stays quiet for a connection exactly 14 days old', () => {
    expect(judge(connectedAgo(14 * DAY_MS, 0))).toBeNull();
  });

  it('stays quiet for a connection older than 14 days', () => {
    expect(judge(connectedAgo(14 * DAY_MS + 1, 0))).toBeNull();
  });

  it('stays quiet for a new connection with one mutual connection', () => {
    expect(judge(connectedAgo(DAY_MS, 1))).toBeNull();
  });

  it('raises for a new connection when no mutual count is reported', () => {
    expect(judge(connectedAgo(DAY_MS))).not.toBeNull();
  });

  it('raises for no connection however many mutual connections', () => {
    const pair = pairActivity(messages(30), { mutualConnections: 12 });

    expect(judge(pair)).not.toBeNull();
  });

  it('measures connection age against the configured days', () => {
    const settings = settingsWith({
      rules: { 'unsolicited-messages-to-minor': { newConnectionDays: 3 } },
    });

    expect(judge(connectedAgo(3 * DAY_MS - 1, 0), settings)).not.toBeNull();
    expect(judge(connectedAgo(3 * DAY_MS, 0), settings)).toBeNull();
  });
});

describe('unsolicited-messages-to-minor: configuration', () => {
  it('raises nothing when the rule is disabled', () => {
    const settings = settingsWith({
      rules: { 'unsolicited-messages-to-minor': { enabled: false } },
    });

    expect(judge(pairActivity(messages(300, 10)), settings)).toBeNull();
  });

  it('judges a platform by its own counts and others by the defaults', () => {
    const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
      'unsolicited-messages-to-minor': { minMessages: 10, minActiveDays: 2,
        severity: 'medium' },
    } } } });

    const kids = judge(pairActivity(messages(10, 2)),
      book.settingsFor('kids-chat'));

    expect(kids?.severity).toBe('medium');
    expect(judge(pairActivity(messages(10, 2)), book.settingsFor('demo')))
      .toBeNull();
  });
});
