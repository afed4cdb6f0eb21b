import type { AgeBand } from '../events/schema';

/**
 * Kinds of "distinct accounts touched" that rules count. Each is counted
 * once per pair of accounts per rule window, through a distinct mark.
 */
export const DIMENSIONS = {
  contact: 'contact',
  rejected: 'rejected',
  viewed: 'viewed',
  blockedOrReported: 'blocked-or-reported',
} as const;
export type Dimension = (typeof DIMENSIONS)[keyof typeof DIMENSIONS];

/** Counters kept per subject account and UTC day. */
export interface DayCounters {
  requests: number;
  requestsToMinors: number;
  unlinkedMinorsContacted: number;
  minorAnswers: number;
  minorRejections: number;
  minorsRejecting: number;
  minorPostViews: number;
  minorsBlockingOrReporting: number;
}
export type DayCounter = keyof DayCounters;

/** Counters kept per subject account and UTC hour, for the views spike. */
export interface HourCounters {
  minorPostViews: number;
  minorsViewed: number;
}
export type HourCounter = keyof HourCounters;

export const EMPTY_DAY: DayCounters = {
  requests: 0,
  requestsToMinors: 0,
  unlinkedMinorsContacted: 0,
  minorAnswers: 0,
  minorRejections: 0,
  minorsRejecting: 0,
  minorPostViews: 0,
  minorsBlockingOrReporting: 0,
};

export const EMPTY_HOUR: HourCounters = { minorPostViews: 0, minorsViewed: 0 };

/** What the platform told us about the other account in an interaction. */
export interface Counterpart {
  accountId: string;
  ageBand: AgeBand;
  region?: string | undefined;
}

/** The event that last touched a stored item, kept as evidence. */
export interface EventRef {
  eventId: string;
  occurredAt: string;
}

export interface DistinctMarkKey {
  account: string;
  dimension: Dimension;
  other: string;
}

/** A change to stored state that one event makes; applied atomically. */
export type Mutation =
  | {
      kind: 'count-day';
      account: string;
      day: string;
      add: Partial<DayCounters>;
      expiresAtMs: number;
    }
  | {
      kind: 'count-hour';
      account: string;
      hour: string;
      add: Partial<HourCounters>;
      expiresAtMs: number;
    }
  | {
      kind: 'count-pair-messages';
      account: string;
      counterpart: Counterpart;
      day: string;
      messages: number;
      /** The (last) event counted. */
      event: EventRef;
      /** When several events' messages are written as one, the first. */
      firstEvent?: EventRef;
      expiresAtMs: number;
    }
  | {
      kind: 'mark-distinct';
      key: DistinctMarkKey;
      /** The countedAt read before planning; the write is conditional on it. */
      previousCountedAtMs: number | null;
      countedAtMs: number;
      counterpart: Counterpart;
      event: EventRef;
      expiresAtMs: number;
    }
  | {
      kind: 'connect';
      a: string;
      b: string;
      /** When they connected; also orders this change against others. */
      sinceMs: number;
      expiresAtMs: number;
    }
  | {
      kind: 'disconnect';
      a: string;
      b: string;
      /** When they disconnected, so a late older acceptance cannot undo it. */
      atMs: number;
      expiresAtMs: number;
    };
