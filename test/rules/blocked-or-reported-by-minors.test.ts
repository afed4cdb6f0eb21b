import { describe, expect, it } from 'vitest';
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
) => evaluateSubject('blocked-or-reported-by-minors', settings, activity);

const blockedBy = (minors: number, daysBack = 0) =>
  subjectActivity({ days: {
    [daysAgo(daysBack)]: { minorsBlockingOrReporting: minors },
  } });

describe('blocked-or-reported-by-minors: distinct minors', () => {
  it('stays quiet with one minor', () => {
    expect(judge(blockedBy(1))).toBeNull();
  });

  it('raises high at exactly two, with its measurement and window', () => {
    expect(judge(blockedBy(2))).toEqual({
      ruleId: 'blocked-or-reported-by-minors',
      ruleVersion: 1,
      severity: 'high',
      window: {
        from: '2026-11-04T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z',
      },
      measurements: [
        { name: 'distinctMinorsBlockingOrReporting', value: 2,
          threshold: 2 },
      ],
    });
  });

  it('raises at three', () => {
    expect(judge(blockedBy(3))?.measurements[0]?.value).toBe(3);
  });
});

describe('blocked-or-reported-by-minors: thirty-day window', () => {
  it('adds up minors across the days of the window', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { minorsBlockingOrReporting: 1 },
      [daysAgo(29)]: { minorsBlockingOrReporting: 1 },
    } });

    expect(judge(activity)?.measurements[0]?.value).toBe(2);
  });

  it('leaves out the 30th day back', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { minorsBlockingOrReporting: 1 },
      [daysAgo(30)]: { minorsBlockingOrReporting: 1 },
    } });

    expect(judge(activity)).toBeNull();
  });
});

describe('blocked-or-reported-by-minors: configuration', () => {
  it('raises nothing when the rule is disabled', () => {
    const settings = settingsWith({
      rules: { 'blocked-or-reported-by-minors': { enabled: false } },
    });

    expect(judge(blockedBy(10), settings)).toBeNull();
  });

  it('judges a platform by its own count and others by the defaults', () => {
    const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
      'blocked-or-reported-by-minors': { minDistinctMinors: 3,
        severity: 'medium' },
    } } } });

    expect(judge(blockedBy(2), book.settingsFor('kids-chat'))).toBeNull();
    expect(judge(blockedBy(3), book.settingsFor('kids-chat'))?.severity)
      .toBe('medium');
    expect(judge(blockedBy(2), book.settingsFor('demo'))?.severity)
      .toBe('high');
  });

  it('judges a platform that disables the rule while others keep it', () => {
    const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
      'blocked-or-reported-by-minors': { enabled: false },
    } } } });

    expect(judge(blockedBy(5), book.settingsFor('kids-chat'))).toBeNull();
    expect(judge(blockedBy(5), book.settingsFor('demo'))).not.toBeNull();
  });
});
