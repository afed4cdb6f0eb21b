import type { CountedCounterpart } from '../flags/build';
import type { Flag } from '../flags/flag';
import type { EvidenceSnapshot } from './evidence';
import type { DecisionPlan } from './transitions';
import type { TrailEntry } from './trail';

/** A flag as stored, with what a decision on it is conditional on. */
export interface StoredFlag {
  flag: Flag;
  /** Decisions recorded so far. */
  revision: number;
  /** Epoch seconds at which the flag expires; undefined while held. */
  expiresAt: number | undefined;
  /** Whether the flag is the one standing for its account and rule. */
  holdsLock: boolean;
}

/** What reviewing needs from storage; DynamoDB implements it. */
export interface ReviewStorePort {
  read(platformId: string, flagId: string): Promise<StoredFlag | undefined>;
  trail(platformId: string, flagId: string): Promise<TrailEntry[]>;
  snapshot(
    platformId: string,
    flagId: string,
  ): Promise<EvidenceSnapshot | undefined>;
  /**
   * Records a decision if the flag, and the lock it holds, are still as
   * read. Returns false when either changed in between.
   */
  apply(
    read: StoredFlag,
    plan: DecisionPlan,
    snapshot: EvidenceSnapshot | undefined,
  ): Promise<boolean>;
}

/** Where the events counted for a flag's rule are read at escalation. */
export interface EvidenceSourcePort {
  countedEvents(flag: Flag, nowMs: number): Promise<CountedCounterpart[]>;
}
