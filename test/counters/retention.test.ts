import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/counters/model';
import { dayRetentionMs, planEvent } from '../../shared/counters/plan';
import { DAY_MS, HOUR_MS } from '../../shared/counters/time';
import type { RuleSettings } from '../../shared/rules/config';
import { subjectLookbackDays } from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import { adult, minor } from '../support/events';
import { settingsWith } from '../rules/activity';
import { AT_DAY_MS, AT_MS, eventAt, stored } from './planning';

const DEFAULTS = RuleBook.defaults().settingsFor('demo');
const suspect = adult('adult-1');
const child = minor('minor-1');

const mutationsOf = (
  kind: Mutation['kind'],
  type: Parameters<typeof eventAt>[0],
  settings: RuleSettings = DEFAULTS,
) => {
  const outward = !['friend_request.rejected', 'block.created',
    'report.created', 'friend_request.accepted'].includes(type);
  const e = outward ? eventAt(type, suspect, child)
    : eventAt(type, child, suspect);
  return planEvent(e, settings, stored()).mutations
    .filter((m) => m.kind === kind);
};

const expiryOf = (
  kind: Mutation['kind'],
  type: Parameters<typeof eventAt>[0],
  settings: RuleSettings = DEFAULTS,
): number => {
  const [mutation] = mutationsOf(kind, type, settings);
  if (!mutation || !('expiresAtMs' in mutation)) {
    return expect.fail(`no ${kind} with an expiry for ${type}`);
  }
  return mutation.expiresAtMs;
};

const wideViewWindow = settingsWith({
  rules: { 'minor-content-views-spike': { windowHours: 72 } },
});

describe('how long day counters are kept', () => {
  it('keeps them 31 days from the start of their day by default', () => {
    expect(expiryOf('count-day', 'friend_request.sent'))
      .toBe(AT_DAY_MS + 31 * DAY_MS);
    expect(dayRetentionMs(DEFAULTS)).toBe(31 * DAY_MS);
  });

  it.each([
    ['the defaults', DEFAULTS],
    ['a 60-day rejection window', settingsWith({
      rules: { 'rejected-by-minors': { windowDays: 60 } } })],
    ['a 90-day views baseline', settingsWith({
      rules: { 'minor-content-views-spike': { baselineDays: 90 } } })],
    ['a 72-hour view window', wideViewWindow],
  ])('outlives the last evaluation that reads them, under %s',
    (_, settings) => {
      // The last evaluation to read a day runs at the end of the day that
      // is the look-back's length after it.
      const lastRead = AT_DAY_MS + subjectLookbackDays(settings) * DAY_MS;

      const expiry = expiryOf('count-day', 'block.created', settings);

      expect(expiry).toBeGreaterThanOrEqual(lastRead);
      expect(expiry).toBeLessThanOrEqual(lastRead + DAY_MS);
    });
});

describe('how long hour counters are kept', () => {
  it('keeps them two days from the start of their hour by default', () => {
    expect(expiryOf('count-hour', 'post.viewed')).toBe(AT_MS + 2 * DAY_MS);
  });

  it('keeps them for as long as a wider view window reads them', () => {
    const expiry = expiryOf('count-hour', 'post.viewed', wideViewWindow);

    expect(expiry).toBeGreaterThanOrEqual(AT_MS + 72 * HOUR_MS);
    expect(expiry).toBeLessThanOrEqual(AT_MS + 72 * HOUR_MS + DAY_MS);
  });
});

describe('how long the other items are kept', () => {
  it('keeps message counts of a pair through the last day that reads them',
    () => {
      const expiry = expiryOf('count-pair-messages', 'message.sent');

      expect(expiry).toBe(AT_DAY_MS + 15 * DAY_MS);
    });

  it('keeps message counts as long as a longer messaging window reads them',
    () => {
      const settings = settingsWith({
        rules: { 'unsolicited-messages-to-minor': { windowDays: 40 } },
      });

      expect(expiryOf('count-pair-messages', 'message.sent', settings))
        .toBe(AT_DAY_MS + 41 * DAY_MS);
    });

  it.each([
    ['friend_request.sent', 7 * DAY_MS],
    ['post.viewed', 24 * HOUR_MS],
    ['friend_request.rejected', 30 * DAY_MS],
    ['block.created', 30 * DAY_MS],
  ] as const)('keeps the distinct mark of a %s for its window and a day',
    (type, windowMs) => {
      expect(expiryOf('mark-distinct', type))
        .toBe(AT_MS + windowMs + DAY_MS);
    });

  it('keeps a learned connection for a year from the acceptance', () => {
    expect(expiryOf('connect', 'friend_request.accepted'))
      .toBe(AT_MS + 365 * DAY_MS);
  });
});
