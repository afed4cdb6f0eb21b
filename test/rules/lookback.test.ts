import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, dayOf, daysEndingAt, hourOf } from
  '../../shared/counters/time';
import type { RuleSettings } from '../../shared/rules/config';
import {
  evaluateSubject,
  subjectLookbackDays,
  type SubjectActivity,
} from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import { NOW } from '../support/events';
import { settingsWith } from './activity';

/**
 * Views on every day for two months, a bigger share the further back, and a
 * sweep in the current hour: any day left out of the baseline changes the
 * average, so the verdict tells whether all baseline days were read.
 */
function longHistory(nowMs: number): SubjectActivity {
  const days = new Map<string, { minorPostViews: number }>();
  for (let back = 0; back < 60; back += 1) {
    days.set(dayOf(nowMs - back * DAY_MS), { minorPostViews: back * 2 });
  }
  const hours = new Map([[hourOf(nowMs),
    { minorPostViews: 300, minorsViewed: 10 }]]);
  return { nowMs, days, hours };
}

/** The same history cut to the days an evaluation actually reads. */
function asRead(full: SubjectActivity, settings: RuleSettings) {
  const read = new Set(daysEndingAt(full.nowMs, subjectLookbackDays(settings)));
  const days = new Map([...full.days].filter(([day]) => read.has(day)));
  return { ...full, days };
}

const viewsSpike = (settings: RuleSettings, activity: SubjectActivity) =>
  evaluateSubject('minor-content-views-spike', settings, activity);

describe('subjectLookbackDays', () => {
  it('reads 30 days by default: the views baseline and days it skips', () => {
    expect(subjectLookbackDays(RuleBook.defaults().settingsFor('demo')))
      .toBe(30);
  });

  it('reads as far back as the longest day window', () => {
    const settings = settingsWith({
      rules: { 'rejected-by-minors': { windowDays: 45 } },
    });

    expect(subjectLookbackDays(settings)).toBe(45);
  });

  it.each([1, 24, 25, 48, 72])(
    'reads every baseline day of a %i-hour view window at any hour',
    (windowHours) => {
      const settings = settingsWith({
        rules: { 'minor-content-views-spike': { windowHours } },
      });

      for (let hour = 0; hour < 24; hour += 1) {
        const full = longHistory(NOW + hour * HOUR_MS);

        expect(viewsSpike(settings, asRead(full, settings)))
          .toEqual(viewsSpike(settings, full));
      }
    });
});
