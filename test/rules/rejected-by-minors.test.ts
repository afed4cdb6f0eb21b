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
) => evaluateSubject('rejected-by-minors', settings, activity);

/** Today's answers from minors: how many rejected, from how many minors. */
const answered = (minors: number, answers = minors, rejections = answers) =>
  subjectActivity({ days: { [daysAgo(0)]: {
    minorsRejecting: minors,
    minorAnswers: answers,
    minorRejections: rejections,
  } } });

describe('rejected-by-minors: distinct minors rejecting', () => {
  it('stays quiet at 4 distinct minors', () => {
    expect(judge(answered(4))).toBeNull();
  });

  it('raises medium at exactly 5, with its measurements and window', () => {
    expect(judge(answered(5))).toEqual({
      ruleId: 'rejected-by-minors',
      ruleVersion: 1,
      severity: 'medium',
      window: {
        from: '2026-11-04T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z',
      },
      measurements: [
        { name: 'distinctMinorsRejecting', value: 5, threshold: 5 },
        { name: 'rejectedShareOfMinorAnswers', value: 1, threshold: 0.6 },
      ],
    });
  });

  it('raises at 6', () => {
    expect(judge(answered(6))?.measurements[0]?.value).toBe(6);
  });
});

describe('rejected-by-minors: share of answers that are rejections', () => {
  it('stays quiet when 5 of 10 answers are rejections', () => {
    expect(judge(answered(5, 10, 5))).toBeNull();
  });

  it('raises when exactly 6 of 10 answers are rejections', () => {
    expect(judge(answered(5, 10, 6))?.measurements[1]?.value).toBe(0.6);
  });

  it('raises when 7 of 10 answers are rejections', () => {
    expect(judge(answered(5, 10, 7))?.measurements[1]?.value).toBe(0.7);
  });

  it('stays quiet with no answers at all', () => {
    expect(judge(answered(5, 0, 0))).toBeNull();
  });
});

describe('rejected-by-minors: thirty-day window', () => {
  it('counts the 29th day back', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { minorsRejecting: 4, minorAnswers: 4,
        minorRejections: 4 },
      [daysAgo(29)]: { minorsRejecting: 1, minorAnswers: 1,
        minorRejections: 1 },
    } });

    expect(judge(activity)?.measurements[0]?.value).toBe(5);
  });

  it('leaves out the 30th day back', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { minorsRejecting: 4, minorAnswers: 4,
        minorRejections: 4 },
      [daysAgo(30)]: { minorsRejecting: 1, minorAnswers: 1,
        minorRejections: 1 },
    } });

    expect(judge(activity)).toBeNull();
  });

  it('leaves acceptances from before the window out of the share', () => {
    const activity = subjectActivity({ days: {
      [daysAgo(0)]: { minorsRejecting: 5, minorAnswers: 5,
        minorRejections: 5 },
      [daysAgo(30)]: { minorAnswers: 50 },
    } });

    expect(judge(activity)?.measurements[1]?.value).toBe(1);
  });
});

describe('rejected-by-minors: configuration', () => {
  it('raises nothing when the rule is disabled', () => {
    const settings = settingsWith({
      rules: { 'rejected-by-minors': { enabled: false } },
    });

    expect(judge(answered(20), settings)).toBeNull();
  });

  it('raises at the severity the settings give it', () => {
    const settings = settingsWith({
      rules: { 'rejected-by-minors': { severity: 'high' } },
    });

    expect(judge(answered(5), settings)?.severity).toBe('high');
  });

  it('judges a platform by its own share and others by the defaults', () => {
    const book = rulesDocument({ platforms: { 'kids-chat': { rules: {
      'rejected-by-minors': { minRejectedShare: 0.4 },
    } } } });

    const kids = judge(answered(5, 10, 4), book.settingsFor('kids-chat'));
    const other = judge(answered(5, 10, 4), book.settingsFor('demo'));

    expect(kids?.measurements[1]).toEqual({
      name: 'rejectedShareOfMinorAnswers', value: 0.4, threshold: 0.4,
    });
    expect(other).toBeNull();
  });
});
