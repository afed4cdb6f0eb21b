import type { Counterpart, DayCounters, HourCounters } from '../counters/model';
import { EMPTY_DAY, EMPTY_HOUR } from '../counters/model';
import { DAY_MS, dayOf, daysEndingAt, hoursEndingAt } from '../counters/time';
import type { RuleId, RuleSettings, Severity } from './config';

/** One number a rule compared, and the threshold it had to reach. */
export interface Measurement {
  name: string;
  value: number;
  threshold: number;
}

/** A rule's verdict that a subject crossed its thresholds. */
export interface RuleDecision {
  ruleId: RuleId;
  ruleVersion: number;
  severity: Severity;
  window: { from: string; to: string };
  measurements: Measurement[];
  /** For rules about one pair of accounts: the other account. */
  counterpart?: Counterpart;
}

/** Stored counters of one subject, as read around `nowMs`. */
export interface SubjectActivity {
  nowMs: number;
  days: ReadonlyMap<string, Partial<DayCounters>>;
  hours: ReadonlyMap<string, Partial<HourCounters>>;
}

/** Stored counters of messages from a subject to one minor. */
export interface PairActivity {
  nowMs: number;
  counterpart: Counterpart;
  messagesByDay: ReadonlyMap<string, number>;
  connectedSinceMs: number | null;
  mutualConnections: number | undefined;
}

/** Rules judged on a subject's own counters, by id. */
export type SubjectRuleId = Exclude<RuleId, 'unsolicited-messages-to-minor'>;

/** How many days of day counters a subject's evaluation reads, back from now. */
export function subjectLookbackDays(settings: RuleSettings): number {
  const { rules } = settings;
  return Math.max(
    rules['unconnected-minor-contact'].windowDays,
    rules['rejected-by-minors'].windowDays,
    rules['blocked-or-reported-by-minors'].windowDays,
    viewsBaselineLookbackDays(settings),
  );
}

/**
 * The views baseline ends the day before the one the view window starts in,
 * and a window of more than a day starts further back than yesterday.
 */
function viewsBaselineLookbackDays(settings: RuleSettings): number {
  const rule = settings.rules['minor-content-views-spike'];
  const windowStartsDaysBack = Math.ceil((rule.windowHours - 1) / 24);
  return windowStartsDaysBack + 1 + rule.baselineDays;
}

/** Judges a subject against one rule; null when it stays below. */
export function evaluateSubject(
  ruleId: SubjectRuleId,
  settings: RuleSettings,
  activity: SubjectActivity,
): RuleDecision | null {
  if (!settings.rules[ruleId].enabled) return null;

  switch (ruleId) {
    case 'unconnected-minor-contact':
      return unconnectedMinorContact(settings, activity);
    case 'rejected-by-minors':
      return rejectedByMinors(settings, activity);
    case 'minor-content-views-spike':
      return minorContentViewsSpike(settings, activity);
    case 'blocked-or-reported-by-minors':
      return blockedOrReportedByMinors(settings, activity);
  }
}

function unconnectedMinorContact(
  settings: RuleSettings,
  activity: SubjectActivity,
): RuleDecision | null {
  const rule = settings.rules['unconnected-minor-contact'];
  const days = daysEndingAt(activity.nowMs, rule.windowDays);
  const distinct = sumDays(activity, days, 'unlinkedMinorsContacted');
  const requests = sumDays(activity, days, 'requests');
  const toMinors = sumDays(activity, days, 'requestsToMinors');
  // Contact made only by messages has no requests to weigh; it is all
  // aimed at minors.
  const share = requests === 0 ? 1 : toMinors / requests;

  const severity: Severity | null =
    distinct >= rule.highAtDistinctMinors ? 'high'
      : distinct >= rule.mediumAtDistinctMinors ? 'medium' : null;
  if (!severity || share < rule.minMinorShareOfRequests) return null;

  return decision('unconnected-minor-contact', rule.version, severity, days, [
    {
      name: 'distinctUnconnectedMinorsContacted',
      value: distinct,
      threshold: severity === 'high' ? rule.highAtDistinctMinors
        : rule.mediumAtDistinctMinors,
    },
    {
      name: 'minorShareOfRequests',
      value: round(share),
      threshold: rule.minMinorShareOfRequests,
    },
  ]);
}

function rejectedByMinors(
  settings: RuleSettings,
  activity: SubjectActivity,
): RuleDecision | null {
  const rule = settings.rules['rejected-by-minors'];
  const days = daysEndingAt(activity.nowMs, rule.windowDays);
  const distinct = sumDays(activity, days, 'minorsRejecting');
  const answers = sumDays(activity, days, 'minorAnswers');
  const rejections = sumDays(activity, days, 'minorRejections');
  const share = answers === 0 ? 0 : rejections / answers;
  if (distinct < rule.minDistinctMinors || share < rule.minRejectedShare) {
    return null;
  }

  return decision('rejected-by-minors', rule.version, rule.severity, days, [
    { name: 'distinctMinorsRejecting', value: distinct,
      threshold: rule.minDistinctMinors },
    { name: 'rejectedShareOfMinorAnswers', value: round(share),
      threshold: rule.minRejectedShare },
  ]);
}

function minorContentViewsSpike(
  settings: RuleSettings,
  activity: SubjectActivity,
): RuleDecision | null {
  const rule = settings.rules['minor-content-views-spike'];
  const hours = hoursEndingAt(activity.nowMs, rule.windowHours);
  const views = sumHours(activity, hours, 'minorPostViews');
  const distinct = sumHours(activity, hours, 'minorsViewed');
  const firstHourMs = Date.parse(`${hours[0]}:00:00Z`);
  const baseline = baselineDays(settings, firstHourMs);
  const average = sumDays(activity, baseline, 'minorPostViews') /
    baseline.length;
  const spikeAt = rule.minSpikeFactor * average;
  const crossed = views >= rule.minViews && distinct >= rule.minDistinctMinors &&
    views >= spikeAt;
  if (!crossed) return null;

  return {
    ruleId: 'minor-content-views-spike',
    ruleVersion: rule.version,
    severity: rule.severity,
    window: {
      from: new Date(firstHourMs).toISOString(),
      to: new Date(activity.nowMs).toISOString(),
    },
    measurements: [
      { name: 'minorPostViews', value: views, threshold: rule.minViews },
      { name: 'distinctMinorsViewed', value: distinct,
        threshold: rule.minDistinctMinors },
      { name: 'minorPostViewsAgainstBaseline', value: views,
        threshold: round(spikeAt) },
    ],
  };
}

function blockedOrReportedByMinors(
  settings: RuleSettings,
  activity: SubjectActivity,
): RuleDecision | null {
  const rule = settings.rules['blocked-or-reported-by-minors'];
  const days = daysEndingAt(activity.nowMs, rule.windowDays);
  const distinct = sumDays(activity, days, 'minorsBlockingOrReporting');
  if (distinct < rule.minDistinctMinors) return null;

  return decision('blocked-or-reported-by-minors', rule.version,
    rule.severity, days, [
      { name: 'distinctMinorsBlockingOrReporting', value: distinct,
        threshold: rule.minDistinctMinors },
    ]);
}

/** Judges the messages from a subject to one minor. */
export function evaluatePair(
  settings: RuleSettings,
  pair: PairActivity,
): RuleDecision | null {
  const rule = settings.rules['unsolicited-messages-to-minor'];
  if (!rule.enabled) return null;

  const days = daysEndingAt(pair.nowMs, rule.windowDays);
  const perDay = days.map((day) => pair.messagesByDay.get(day) ?? 0);
  const messages = perDay.reduce((sum, n) => sum + n, 0);
  const activeDays = perDay.filter((n) => n > 0).length;
  if (messages < rule.minMessages || activeDays < rule.minActiveDays) {
    return null;
  }
  if (!unsolicited(pair, rule.newConnectionDays)) return null;

  return {
    ...decision('unsolicited-messages-to-minor', rule.version, rule.severity,
      days, [
        { name: 'messagesToOneMinor', value: messages,
          threshold: rule.minMessages },
        { name: 'daysWithMessages', value: activeDays,
          threshold: rule.minActiveDays },
      ]),
    counterpart: pair.counterpart,
  };
}

/** Not connected, or connected so recently and with no shared ties. */
function unsolicited(pair: PairActivity, newConnectionDays: number): boolean {
  if (pair.connectedSinceMs === null) return true;

  const recent = pair.nowMs - pair.connectedSinceMs <
    newConnectionDays * DAY_MS;
  return recent && (pair.mutualConnections ?? 0) === 0;
}

/**
 * The baseline days for the views spike: the whole days before the first
 * hour of the recent window, so the two never overlap.
 */
function baselineDays(settings: RuleSettings, firstHourMs: number): string[] {
  const rule = settings.rules['minor-content-views-spike'];
  return daysEndingAt(firstHourMs - DAY_MS, rule.baselineDays);
}

function decision(
  ruleId: RuleId,
  ruleVersion: number,
  severity: Severity,
  days: string[],
  measurements: Measurement[],
): RuleDecision {
  const first = days[0] ?? dayOf(0);
  const last = days[days.length - 1] ?? first;
  return {
    ruleId,
    ruleVersion,
    severity,
    window: {
      from: `${first}T00:00:00.000Z`,
      to: new Date(Date.parse(`${last}T00:00:00Z`) + DAY_MS - 1).toISOString(),
    },
    measurements,
  };
}

function sumDays(
  activity: SubjectActivity,
  days: readonly string[],
  counter: keyof DayCounters,
): number {
  return days.reduce((sum, day) =>
    sum + (activity.days.get(day)?.[counter] ?? EMPTY_DAY[counter]), 0);
}

function sumHours(
  activity: SubjectActivity,
  hours: readonly string[],
  counter: keyof HourCounters,
): number {
  return hours.reduce((sum, hour) =>
    sum + (activity.hours.get(hour)?.[counter] ?? EMPTY_HOUR[counter]), 0);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

