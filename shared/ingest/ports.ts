import type { Counterpart, Dimension, DistinctMarkKey, EventRef, Mutation }
  from '../counters/model';
import type { EventState } from '../counters/plan';
import type { SocialEvent } from '../events/schema';
import type { CountedCounterpart } from '../flags/build';
import type { Flag } from '../flags/flag';
import type { Severity } from '../rules/config';
import type { PairActivity, SubjectActivity } from '../rules/evaluate';

/**
 * The most writes, one id marker per event among them, that the store
 * commits together: DynamoDB's ceiling for one transaction.
 */
export const MAX_WRITES_PER_COMMIT = 100;

/** What the ingest service needs from storage; DynamoDB implements it. */
export interface ActivityPort {
  /** One state per request, in order. */
  readEventStates(
    platformId: string,
    requests: readonly {
      event: SocialEvent;
      marks: readonly DistinctMarkKey[];
      withConnection: boolean;
    }[],
  ): Promise<EventState[]>;
  /** One outcome per write, in order; see ActivityStore.applyEvents. */
  applyEvents(
    platformId: string,
    writes: readonly { eventId: string; mutations: readonly Mutation[];
      chunk?: number }[],
    markerExpiresAtMs: number,
  ): Promise<('applied' | 'duplicate' | 'conflict' | 'replan')[]>;
  readSubjectActivity(
    platformId: string,
    accountId: string,
    nowMs: number,
    range: { firstDay: string; lastDay: string; firstHour?: string;
      lastHour?: string },
  ): Promise<SubjectActivity>;
  readPairActivity(
    platformId: string,
    accountId: string,
    counterpart: Counterpart,
    nowMs: number,
    range: { firstDay: string; lastDay: string },
    mutualConnections: number | undefined,
  ): Promise<PairActivity>;
  readCounted(
    platformId: string,
    accountId: string,
    dimension: Dimension,
    sinceMs: number,
  ): Promise<CountedCounterpart[]>;
  readPairEvents(
    platformId: string,
    accountId: string,
    counterpartId: string,
    range: { firstDay: string; lastDay: string },
  ): Promise<EventRef[]>;
}

/** The flag standing for an account and rule, as the lock records it. */
export interface StandingFlag {
  flagId: string;
  severity: Severity;
  active: boolean;
  /** The flag's headline count: what a moderator reviewed. */
  reviewedValue: number;
  /** When every event counted for the flag has left the rule's window. */
  evidenceLeavesWindowAtMs: number;
}

/** What the ingest service needs to record flags. */
export interface FlagPort {
  standing(
    platformId: string,
    accountId: string,
    ruleId: string,
  ): Promise<StandingFlag | null>;
  raise(flag: Flag, previousFlagId: string | null): Promise<boolean>;
}
