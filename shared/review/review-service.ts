import type { Flag } from '../flags/flag';
import type { Decision, Moderator } from './decision';
import { FlagNotFoundError, FlagStateError } from './errors';
import {
  buildEvidenceBundle,
  freezeEvidence,
  type EvidenceBundle,
} from './evidence';
import type { EvidenceSourcePort, ReviewStorePort, StoredFlag } from './ports';
import { planDecision, type DecisionPlan } from './transitions';
import type { TrailEntry } from './trail';

/** Two moderators rarely decide the same flag at once; a third race is odd. */
const MAX_ATTEMPTS = 3;

/** A flag with every decision made on it, oldest first. */
export interface FlagReview {
  flag: Flag;
  trail: TrailEntry[];
}

export interface ReviewDeps {
  store: ReviewStorePort;
  evidence: EvidenceSourcePort;
  now: () => number;
}

/** Moderators read flags, decide on them, and export escalated evidence. */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  async view(platformId: string, flagId: string): Promise<FlagReview> {
    const read = await this.read(platformId, flagId);
    return { flag: read.flag, trail: await this.deps.store.trail(platformId,
      flagId) };
  }

  /**
   * Records a decision on the flag as it stands now. A concurrent decision
   * makes this one re-read the flag, so it is judged against the other's
   * outcome and refused if that outcome no longer allows it.
   */
  async decide(
    platformId: string,
    flagId: string,
    decision: Decision,
    moderator: Moderator,
  ): Promise<FlagReview> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const read = await this.read(platformId, flagId);
      const nowMs = this.deps.now();
      const plan = planDecision(stateOf(read), decision, moderator, nowMs);
      const snapshot = await this.snapshotFor(read.flag, plan, nowMs);
      if (await this.deps.store.apply(read, plan, snapshot)) {
        return this.view(platformId, flagId);
      }
    }
    throw new FlagStateError('The flag kept changing while the decision ' +
      'was being recorded; reload it and decide again.');
  }

  /** The referral document of a flag that was escalated. */
  async evidenceBundle(
    platformId: string,
    flagId: string,
  ): Promise<EvidenceBundle> {
    const read = await this.read(platformId, flagId);
    const snapshot = await this.deps.store.snapshot(platformId, flagId);
    if (!snapshot) {
      throw new FlagStateError(`The flag is ${read.flag.status}; an ` +
        'evidence bundle exists only once a flag has been escalated.');
    }
    const trail = await this.deps.store.trail(platformId, flagId);
    return buildEvidenceBundle(read.flag, snapshot, trail, this.deps.now());
  }

  private async read(platformId: string, flagId: string): Promise<StoredFlag> {
    const read = await this.deps.store.read(platformId, flagId);
    if (!read) throw new FlagNotFoundError(platformId, flagId);
    return read;
  }

  /** Escalation freezes the evidence, since its sources soon expire. */
  private async snapshotFor(flag: Flag, plan: DecisionPlan, nowMs: number) {
    if (plan.expiry.kind !== 'held') return undefined;
    const counted = await this.deps.evidence.countedEvents(flag, nowMs);
    return freezeEvidence(flag, counted, nowMs);
  }
}

function stateOf(read: StoredFlag) {
  return {
    status: read.flag.status,
    onHold: read.flag.legalHoldSince !== undefined,
    revision: read.revision,
    raisedAt: read.flag.raisedAt,
  };
}
