import type {
  Counterpart,
  DayCounters,
  HourCounters,
} from '../../shared/counters/model';
import { DAY_MS, HOUR_MS, dayOf, hourOf } from '../../shared/counters/time';
import type { RuleOverride, RuleSettings } from '../../shared/rules/config';
import type {
  PairActivity,
  SubjectActivity,
} from '../../shared/rules/evaluate';
import { RuleBook } from '../../shared/rules/rule-book';
import { NOW } from '../support/events';

/** The UTC day `n` whole days before the one holding NOW. */
export const daysAgo = (n: number): string => dayOf(NOW - n * DAY_MS);

/** The UTC hour `n` hours before the one holding NOW. */
export const hoursAgo = (n: number): string => hourOf(NOW - n * HOUR_MS);

/** A subject's stored counters as the activity store would return them. */
export function subjectActivity(stored: {
  days?: Record<string, Partial<DayCounters>>;
  hours?: Record<string, Partial<HourCounters>>;
}): SubjectActivity {
  return {
    nowMs: NOW,
    days: new Map(Object.entries(stored.days ?? {})),
    hours: new Map(Object.entries(stored.hours ?? {})),
  };
}

export const MINOR: Counterpart = {
  accountId: 'minor-1',
  ageBand: '13_15',
  region: 'GB-LND',
};

/** Messages to one minor per day, and what is known of the tie to them. */
export function pairActivity(
  messagesByDay: Record<string, number>,
  tie: { connectedSinceMs?: number; mutualConnections?: number } = {},
): PairActivity {
  return {
    nowMs: NOW,
    counterpart: MINOR,
    messagesByDay: new Map(Object.entries(messagesByDay)),
    connectedSinceMs: tie.connectedSinceMs ?? null,
    mutualConnections: tie.mutualConnections,
  };
}

/** Settings as an operator's rules document would give them. */
export function settingsWith(override: RuleOverride = {}): RuleSettings {
  return rulesDocument({ defaults: override }).settingsFor('any-platform');
}

/** A RuleBook parsed from a document, as start-up would load it. */
export function rulesDocument(document: {
  defaults?: RuleOverride;
  platforms?: Record<string, RuleOverride>;
}): RuleBook {
  return RuleBook.parse(JSON.stringify({ schemaVersion: 1, ...document }));
}
