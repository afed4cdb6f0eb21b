import type { FlagStatus } from '../flags/flag';
import { expiryAfterHoldMs } from '../flags/retention';
import type { Decision, DecisionKind, Moderator } from './decision';
import { FlagStateError } from './errors';
import type { TrailEntry } from './trail';

/** What a decision needs to know about the flag as last read. */
export interface ReviewState {
  status: FlagStatus;
  onHold: boolean;
  /** Decisions recorded so far; the next trail entry is one more. */
  revision: number;
  raisedAt: string;
}

/** What becomes of the flag's expiry, and that of its trail and evidence. */
export type ExpiryChange =
  | { kind: 'unchanged' }
  | { kind: 'held' }
  | { kind: 'restored'; atMs: number };

export interface DecisionPlan {
  status: FlagStatus;
  onHold: boolean;
  /** Whether the flag still stands for its account and rule afterwards. */
  stands: boolean;
  expiry: ExpiryChange;
  entry: TrailEntry;
}

/**
 * Each decision applies to a flag in one state. Dismissing and actioning
 * close an open flag; escalating keeps it standing under a legal hold until
 * a release, after which it stays escalated but may expire.
 */
const OUTCOMES: Record<DecisionKind, {
  appliesTo: 'open' | 'held';
  status: FlagStatus;
  onHold: boolean;
}> = {
  dismissed: { appliesTo: 'open', status: 'dismissed', onHold: false },
  actioned: { appliesTo: 'open', status: 'actioned', onHold: false },
  escalated: { appliesTo: 'open', status: 'escalated', onHold: true },
  released: { appliesTo: 'held', status: 'escalated', onHold: false },
};

/**
 * Whether a flag in this state still stands, so that a repeat of its
 * pattern raises nothing new. A flag under escalation stands: the case is
 * already with the police.
 */
export function standsFor(status: FlagStatus, onHold: boolean): boolean {
  return status === 'open' || onHold;
}

/** Plans a decision, or refuses it when the flag's state does not allow it. */
export function planDecision(
  state: ReviewState,
  decision: Decision,
  moderator: Moderator,
  nowMs: number,
): DecisionPlan {
  const outcome = OUTCOMES[decision.decision];
  refuseUnlessApplies(state, decision.decision, outcome.appliesTo);

  return {
    status: outcome.status,
    onHold: outcome.onHold,
    stands: standsFor(outcome.status, outcome.onHold),
    expiry: expiryChange(decision.decision, state.raisedAt, nowMs),
    entry: {
      seq: state.revision + 1,
      decidedAt: new Date(nowMs).toISOString(),
      decidedBy: moderator,
      status: { from: state.status, to: outcome.status },
      legalHold: outcome.onHold,
      ...decision,
    },
  };
}

function refuseUnlessApplies(
  state: ReviewState,
  decision: DecisionKind,
  appliesTo: 'open' | 'held',
): void {
  if (appliesTo === 'held' && !state.onHold) {
    throw new FlagStateError(`The flag is ${state.status} and not on legal ` +
      'hold, so there is no hold to release.');
  }
  if (appliesTo === 'open' && state.status !== 'open') {
    const held = state.onHold ? ' and on legal hold' : '';
    throw new FlagStateError(`The flag is already ${state.status}${held}; ` +
      `only an open flag can be ${decision}.`);
  }
}

function expiryChange(
  decision: DecisionKind,
  raisedAt: string,
  nowMs: number,
): ExpiryChange {
  if (decision === 'escalated') return { kind: 'held' };
  if (decision === 'released') {
    return { kind: 'restored', atMs: expiryAfterHoldMs(raisedAt, nowMs) };
  }
  return { kind: 'unchanged' };
}
