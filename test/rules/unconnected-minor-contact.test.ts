import { describe, expect, it } from 'vitest';
import type { DayCounters } from '../../shared/counters/model';
import type { RuleSettings } from '../../shared/rules/config';
import {
  evaluateSubject,
  type SubjectActivity,
} from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import {
  daysAgo,
  rulesDocument,
  settingsWith,
  subjectActivity,
} from './activity';

const judge = (
  activity: SubjectActivity,
  settings: RuleSettings = RuleBook.defaults().settingsFor('demo'),
) => evaluateSubject('unconnected-minor-contact', settings, activity);

const today = (counters: Partial<DayCounters>) =>
  subjectActivity({ days: { [daysAgo(0)]: counters } });

/** Today's cold contacts; by default every request went to a minor. */
const contacted = (minors: number, requests = minors, toMinors = requests) =>
  today({
    unlinkedMinorsContacted: minors,
    requests,
    requestsToMinors: toMinors,
  });

describe('unconnected-minor-contact: distinct minors', () => {
  it('stays quiet at 9 distinct unconnected minors', () => {
    expect(judge(contacted(9))).toBeNull();
  });

  it('raises medium at exactly 10, with its measurements and window', () => {
    expect(judge(contacted(10))).toEqual({
      ruleId: 'unconnected-minor-contact',
      ruleVersion: 1,
      severity: 'medium',
      window: {
        from: '2026-11-27T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z',
      },
      measurements: [
        { name: 'distinctUnconnectedMinorsContacted', value: 10,
          threshold: 10 },
        { name: 'minorShareOfRequests', value: 1, threshold: 0.5 },
      ],
    });
  });

  it('stays medium at 11 and at 24', () => {
    expect(judge(contacted(11))?.severity).toBe('medium');
    expect(judge(contacted(24))?.severity).toBe('medium');
  });

  it('raises high at exactly 25, measured against the high threshold', () => {
    const decision = judge(contacted(25));

    expect(decision?.severity).toBe('high');
    expect(decision?.measurements[0]).toEqual({
      name: 'distinctUnconnectedMinorsContacted', value: 25, threshold: 25,
    });
  });

  it('stays high at 26', () => {
    expect(judge(contacted(26))?.severity).toBe('high');
  });
});

describe('unconnected-minor-contact: share of requests to minors', () => {
  it('stays quiet when minors are 9 of 20 requests', () => {
    expect(judge(contacted(10, 20, 9))).toBeNull();
  });

  it('raises when minors are exactly half of the requests', () => {
    const decision = judge(contacted(10, 20, 10));

    expect(decision?.measurements[1]).toEqual({
      name: 'minorShareOfRequests', value: 0.5, threshold: 0.5,
    });
  });

  it('raises when minors are 11 of 20 requests', () => {
    expect(judge(contacted(10, 20, 11))?.measurements[1]?.value).toBe(0.55);
  });

  it('holds back a high count too when the share is too low', () => {
    expect(judge(contacted(30, 100, 49))).toBeNull();
  });

  it('rounds the share to three decimals', () => {
    expect(judge(contacted(10, 3, 2))?.measurements[1]?.value).toBe(0.667);
  });

  it('treats contact made only by messages as wholly aimed at minors', () => {
    const decision = judge(today({ unlinkedMinorsContacted: 10 }));

    expect(decision?.measurements[1]?.value).toBe(1);
  });
});

describe('unconnected-minor-contact: seven-day window', () => {
  it('counts the minors of the sixth day back', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { unlinkedMinorsContacted: 9 },
      [daysAgo(6)]: { unlinkedMinorsContacted: 1 },
    } });

    expect(judge(activity)?.measurements[0]?.value).toBe(10);
  });

  it('leaves out the minors of the seventh day back', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { unlinkedMinorsContacted: 9 },
      [daysAgo(7)]: { unlinkedMinorsContacted: 1 },
    } });

    expect(judge(activity)).toBeNull();
  });

  it('leaves requests from before the window out of the share', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { unlinkedMinorsContacted: 10 },
      [daysAgo(7)]: { requests: 100 },
    } });

    expect(judge(activity)?.measurements[1]?.value).toBe(1);
  });
});

describe('unconnected-minor-contact: configuration', () => {
  it('raises nothing when the rule is disabled', () => {
    const settings = settingsWith({
      rules: { 'unconnected-minor-contact': { enabled: false } },
    });

    expect(judge(contacted(40), settings)).toBeNull();
  });

  it('judges a platform by its own thresholds and others by the defaults',
    () => {
      const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
        'unconnected-minor-contact': { mediumAtDistinctMinors: 4,
          highAtDistinctMinors: 6, version: 2 },
      } } } });

      const kids = judge(contacted(6), book.settingsFor('kids-chat'));
      const other = judge(contacted(6), book.settingsFor('demo'));

      expect(kids).toMatchObject({ severity: 'high', ruleVersion: 2 });
      expect(kids?.measurements[0]?.threshold).toBe(6);
      expect(other).toBeNull();
    });

  it('widens the window when a platform configures more days', () => {
    const settings = settingsWith({
      rules: { 'unconnected-minor-contact': { windowDays: 14 } },
    });
    const activity = subjectActivity({ days: {
      [daysAgo(13)]: { unlinkedMinorsContacted: 10 },
    } });

    expect(judge(activity, settings)?.window.from)
      .toBe('2026-11-20T00:00:00.000Z');
  });
});
