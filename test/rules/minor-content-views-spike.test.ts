import { describe, expect, it } from 'vitest';
import type { HourCounters } from '../../shared/counters/model';
import type { RuleSettings } from '../../shared/rules/config';
import {
  evaluateSubject,
  type SubjectActivity,
} from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import {
  daysAgo,
  hoursAgo,
  rulesDocument,
  settingsWith,
  subjectActivity,
} from './activity';

const judge = (
  activity: SubjectActivity,
  settings: RuleSettings = RuleBook.defaults().settingsFor('demo'),
) => evaluateSubject('minor-content-views-spike', settings, activity);

/** Views in the current hour, over a baseline of `baselineViews` in all. */
const viewed = (views: number, minors: number, baselineViews = 0) =>
  subjectActivity({
    hours: { [hoursAgo(0)]: { minorPostViews: views, minorsViewed: minors } },
    days: { [daysAgo(10)]: { minorPostViews: baselineViews } },
  });

/** 50 views of 10 minors in the window, and day counters as given. */
const sweepWith = (days: Record<string, { minorPostViews: number }>) =>
  subjectActivity({
    hours: { [hoursAgo(0)]: { minorPostViews: 50, minorsViewed: 10 } },
    days,
  });

describe('minor-content-views-spike: views', () => {
  it('stays quiet at 49 views', () => {
    expect(judge(viewed(49, 10))).toBeNull();
  });

  it('raises medium at exactly 50, with its measurements and window', () => {
    expect(judge(viewed(50, 10))).toEqual({
      ruleId: 'minor-content-views-spike',
      ruleVersion: 1,
      severity: 'medium',
      window: {
        from: '2026-12-02T13:00:00.000Z',
        to: '2026-12-03T12:00:00.000Z',
      },
      measurements: [
        { name: 'minorPostViews', value: 50, threshold: 50 },
        { name: 'distinctMinorsViewed', value: 10, threshold: 10 },
        { name: 'minorPostViewsAgainstBaseline', value: 50, threshold: 0 },
      ],
    });
  });

  it('raises at 51', () => {
    expect(judge(viewed(51, 10))?.measurements[0]?.value).toBe(51);
  });
});

describe('minor-content-views-spike: distinct minors viewed', () => {
  it('stays quiet at 9 minors however many views', () => {
    expect(judge(viewed(500, 9))).toBeNull();
  });

  it('raises at exactly 10', () => {
    expect(judge(viewed(50, 10))?.measurements[1]?.value).toBe(10);
  });

  it('raises at 11', () => {
    expect(judge(viewed(50, 11))?.measurements[1]?.value).toBe(11);
  });
});

describe('minor-content-views-spike: spike over the baseline', () => {
  // 60 views against a 28-day baseline: 336 views is an average of 12 a
  // day, and five times that is exactly 60.
  it('stays quiet when the baseline puts the spike just above the views',
    () => {
      expect(judge(viewed(60, 10, 337))).toBeNull();
    });

  it('raises when the views are exactly five times the daily average', () => {
    expect(judge(viewed(60, 10, 336))?.measurements[2]).toEqual({
      name: 'minorPostViewsAgainstBaseline', value: 60, threshold: 60,
    });
  });

  it('raises when the views are just above five times the average', () => {
    expect(judge(viewed(60, 10, 335))?.measurements[2]?.threshold)
      .toBe(59.821);
  });

  it('compares against the factor the settings give', () => {
    const settings = settingsWith({
      rules: { 'minor-content-views-spike': { minSpikeFactor: 6 } },
    });

    // 280 views over 28 days is 10 a day; six times that is exactly 60.
    expect(judge(viewed(60, 10, 281), settings)).toBeNull();
    expect(judge(viewed(60, 10, 280), settings)?.measurements[2]?.threshold)
      .toBe(60);
  });
});

describe('minor-content-views-spike: baseline days', () => {
  // At 12:00 the window starts at 13:00 the day before, so the baseline is
  // the 28 whole days before that day: 2026-11-04 to 2026-12-01.
  it('leaves the day the window starts in out of the baseline', () => {
    expect(judge(sweepWith({ [daysAgo(1)]: { minorPostViews: 5000 } })))
      .not.toBeNull();
  });

  it('leaves today out of the baseline', () => {
    expect(judge(sweepWith({ [daysAgo(0)]: { minorPostViews: 5000 } })))
      .not.toBeNull();
  });

  it('counts the last whole day before the window', () => {
    expect(daysAgo(2)).toBe('2026-12-01');
    expect(judge(sweepWith({ [daysAgo(2)]: { minorPostViews: 5000 } })))
      .toBeNull();
  });

  it('counts the 28th whole day before the window', () => {
    expect(daysAgo(29)).toBe('2026-11-04');
    expect(judge(sweepWith({ [daysAgo(29)]: { minorPostViews: 281 } })))
      .toBeNull();
  });

  it('leaves out the 29th whole day before the window', () => {
    expect(judge(sweepWith({ [daysAgo(30)]: { minorPostViews: 5000 } })))
      .not.toBeNull();
  });

  it('averages over the configured number of baseline days', () => {
    const settings = settingsWith({
      rules: { 'minor-content-views-spike': { baselineDays: 7 } },
    });
    // 70 views over 7 days is 10 a day; five times that is exactly 50.
    const atSpike = sweepWith({ [daysAgo(8)]: { minorPostViews: 70 } });
    const aboveSpike = sweepWith({ [daysAgo(8)]: { minorPostViews: 71 } });

    expect(judge(atSpike, settings)?.measurements[2]?.threshold).toBe(50);
    expect(judge(aboveSpike, settings)).toBeNull();
  });
});

describe('minor-content-views-spike: 24-hour window', () => {
  const spreadOver = (hours: Record<string, Partial<HourCounters>>) =>
    subjectActivity({ hours });

  it('counts the hour that began 23 hours ago', () => {
    const activity = spreadOver({
      [hoursAgo(0)]: { minorPostViews: 49, minorsViewed: 9 },
      [hoursAgo(23)]: { minorPostViews: 1, minorsViewed: 1 },
    });

    expect(judge(activity)?.measurements[0]?.value).toBe(50);
  });

  it('leaves out the hour that began 24 hours ago', () => {
    const activity = spreadOver({
      [hoursAgo(0)]: { minorPostViews: 49, minorsViewed: 9 },
      [hoursAgo(24)]: { minorPostViews: 1, minorsViewed: 1 },
    });

    expect(judge(activity)).toBeNull();
  });
});

describe('minor-content-views-spike: configuration', () => {
  it('raises nothing when the rule is disabled', () => {
    const settings = settingsWith({
      rules: { 'minor-content-views-spike': { enabled: false } },
    });

    expect(judge(viewed(5000, 100), settings)).toBeNull();
  });

  it('judges a platform by its own counts and others by the defaults', () => {
    const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
      'minor-content-views-spike': { minViews: 20, minDistinctMinors: 4,
        severity: 'high' },
    } } } });

    const kids = judge(viewed(20, 4), book.settingsFor('kids-chat'));

    expect(kids?.severity).toBe('high');
    expect(judge(viewed(19, 4), book.settingsFor('kids-chat'))).toBeNull();
    expect(judge(viewed(20, 4), book.settingsFor('demo'))).toBeNull();
  });
});
