import type { Account } from '../events/schema';
import type { Counterpart, EventRef } from '../counters/model';
import type { RuleDecision } from '../rules/evaluate';
import { EVIDENCE_LIST_LIMIT, flagIdFor, type Flag } from './flag';

/** A counted minor and the event that counted them. */
export type CountedCounterpart = Counterpart & EventRef;

export interface FlagInput {
  platformId: string;
  subject: Account;
  decision: RuleDecision;
  /** The counted minors behind the decision, in any order. */
  counterparts: readonly CountedCounterpart[];
  /** Ids of this request's events that led to the evaluation. */
  triggeringEvents: readonly EventRef[];
  raisedAtMs: number;
  supersedes: string | null;
}

/** Assembles a flag and its evidence from a rule's decision. */
export function buildFlag(input: FlagInput): Flag {
  const { decision, subject } = input;
  const triggers = chronological(input.triggeringEvents);
  const trigger = triggers[triggers.length - 1];
  if (!trigger) throw new Error('a flag needs at least one triggering event');
  const counterparts = [...input.counterparts]
    .sort((a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt));
  const regions = new Set(
    [subject, ...counterparts].map((account) => account.region ?? 'unknown'),
  );

  return {
    flagId: flagIdFor({
      platformId: input.platformId,
      accountId: subject.id,
      ruleId: decision.ruleId,
      severity: decision.severity,
      triggerEventId: trigger.eventId,
      triggerOccurredAtMs: Date.parse(trigger.occurredAt),
    }),
    platformId: input.platformId,
    accountId: subject.id,
    ruleId: decision.ruleId,
    ruleVersion: decision.ruleVersion,
    severity: decision.severity,
    status: 'open',
    raisedAt: new Date(input.raisedAtMs).toISOString(),
    window: decision.window,
    measurements: decision.measurements,
    subject: { ageBand: subject.ageBand, region: subject.region },
    counterparts: counterparts.slice(0, EVIDENCE_LIST_LIMIT).map((c) => ({
      accountId: c.accountId,
      ageBand: c.ageBand,
      region: c.region,
      eventId: c.eventId,
      occurredAt: c.occurredAt,
    })),
    counterpartCount: new Set(counterparts.map((c) => c.accountId)).size,
    regionsInvolved: [...regions].sort(),
    // The latest, which include the one that names the flag.
    triggeringEventIds: triggers
      .slice(-EVIDENCE_LIST_LIMIT)
      .map((event) => event.eventId),
    ...(input.supersedes ? { supersedes: input.supersedes } : {}),
  };
}

/** Oldest first; events of the same instant in order of id. */
function chronological(events: readonly EventRef[]): EventRef[] {
  return [...events].sort((a, b) =>
    Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
}
