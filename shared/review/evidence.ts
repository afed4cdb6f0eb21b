import * as z from 'zod';
import { AGE_BANDS } from '../events/schema';
import {
  counterpartSchema,
  flagSchema,
  type Flag,
} from '../flags/flag';
import { RULE_DESCRIPTIONS } from '../rules/catalogue';
import { RULE_IDS } from '../rules/config';
import { trailEntrySchema, type TrailEntry } from './trail';

/**
 * At most this many counted events are frozen at escalation: several times
 * any rule's threshold, yet small enough for one DynamoDB item.
 */
export const SNAPSHOT_EVENT_LIMIT = 500;

type Counted = z.infer<typeof counterpartSchema>;

/**
 * What a referral needs, copied when a flag is escalated: the counters and
 * marks behind it expire within weeks, the copy only when the hold ends.
 */
export const evidenceSnapshotSchema = z.strictObject({
  frozenAt: z.string(),
  flag: flagSchema,
  countedEvents: z.array(counterpartSchema),
  countedEventsOmitted: z.int().min(0),
});
export type EvidenceSnapshot = z.infer<typeof evidenceSnapshotSchema>;

/** Freezes a flag's evidence with the events counted up to now. */
export function freezeEvidence(
  flag: Flag,
  counted: readonly Counted[],
  nowMs: number,
): EvidenceSnapshot {
  const events = newestFirst(uniqueEvents([...flag.counterparts, ...counted]));
  return {
    frozenAt: new Date(nowMs).toISOString(),
    flag,
    countedEvents: events.slice(0, SNAPSHOT_EVENT_LIMIT),
    countedEventsOmitted: Math.max(0, events.length - SNAPSHOT_EVENT_LIMIT),
  };
}

/** Sentences a reader of the bundle must know to weigh it correctly. */
export const BUNDLE_NOTES = [
  'Account and event ids are the platform\'s own pseudonymous ids; the ' +
    'platform resolves them to people.',
  'Age bands and regions are as the platform asserted them; Vigil did not ' +
    'verify them.',
  'Vigil receives no message content: counts, times and ids are all it ' +
    'holds.',
] as const;

export const evidenceBundleSchema = z
  .strictObject({
    kind: z.literal('vigil.evidence-bundle'),
    version: z.literal(1),
    generatedAt: z.string(),
    platformId: z.string(),
    flag: z.strictObject({
      flagId: z.string(),
      status: flagSchema.shape.status,
      severity: flagSchema.shape.severity,
      raisedAt: z.string(),
      legalHoldSince: z.string().optional(),
      supersedes: z.string().optional(),
    }),
    subject: z.strictObject({
      accountId: z.string(),
      ageBand: z.enum(AGE_BANDS),
      region: z.string().optional(),
    }),
    rule: z.strictObject({
      id: z.enum(RULE_IDS),
      version: z.int(),
      title: z.string(),
      description: z.string(),
      reason: z.string(),
      window: flagSchema.shape.window,
      measurements: flagSchema.shape.measurements,
    }),
    countedEvents: z.strictObject({
      asOf: z.string(),
      total: z.int(),
      omitted: z.int(),
      items: z.array(counterpartSchema),
    }),
    triggeringEventIds: z.array(z.string()),
    regionsInvolved: z.array(z.string()),
    decisions: z.array(trailEntrySchema),
    notes: z.array(z.string()),
  })
  .meta({
    id: 'EvidenceBundle',
    description: 'What Vigil holds about an escalated flag, for a referral.',
  });
export type EvidenceBundle = z.infer<typeof evidenceBundleSchema>;

/** One document for the platform to attach to its law-enforcement report. */
export function buildEvidenceBundle(
  current: Flag,
  snapshot: EvidenceSnapshot,
  trail: readonly TrailEntry[],
  nowMs: number,
): EvidenceBundle {
  const raised = snapshot.flag;
  const rule = RULE_DESCRIPTIONS[raised.ruleId];
  return {
    kind: 'vigil.evidence-bundle',
    version: 1,
    generatedAt: new Date(nowMs).toISOString(),
    platformId: raised.platformId,
    flag: {
      flagId: raised.flagId,
      status: current.status,
      severity: raised.severity,
      raisedAt: raised.raisedAt,
      legalHoldSince: current.legalHoldSince,
      supersedes: raised.supersedes,
    },
    subject: { accountId: raised.accountId, ...raised.subject },
    rule: {
      id: raised.ruleId,
      version: raised.ruleVersion,
      title: rule.title,
      description: rule.description,
      reason: rule.reason,
      window: raised.window,
      measurements: raised.measurements,
    },
    countedEvents: {
      asOf: snapshot.frozenAt,
      total: snapshot.countedEvents.length + snapshot.countedEventsOmitted,
      omitted: snapshot.countedEventsOmitted,
      items: snapshot.countedEvents,
    },
    triggeringEventIds: raised.triggeringEventIds,
    regionsInvolved: raised.regionsInvolved,
    decisions: [...trail],
    notes: [...BUNDLE_NOTES],
  };
}

function uniqueEvents(events: readonly Counted[]): Counted[] {
  const byKey = new Map(events.map((e) =>
    [JSON.stringify([e.accountId, e.eventId]), e]));
  return [...byKey.values()];
}

function newestFirst(events: readonly Counted[]): Counted[] {
  return [...events].sort((a, b) =>
    Date.parse(b.occurredAt) - Date.parse(a.occurredAt) ||
    a.eventId.localeCompare(b.eventId));
}
