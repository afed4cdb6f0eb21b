import { createHash } from 'node:crypto';
import * as z from 'zod';
import { AGE_BANDS } from '../events/schema';
import { platformIdSchema } from '../platforms/directory';
import { RULE_IDS, SEVERITIES } from '../rules/config';

export const FLAG_STATUSES = [
  'open',
  'dismissed',
  'actioned',
  'escalated',
] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** At most this many counterparts and event ids are listed in a flag. */
export const EVIDENCE_LIST_LIMIT = 25;

/** `flg_`, the trigger's time to the second, and 16 characters of digest. */
export const FLAG_ID_PATTERN = /^flg_\d{8}T\d{6}_[\w-]{16}$/;

export const flagIdSchema = z.string().regex(FLAG_ID_PATTERN, {
  error: 'flag id must look like flg_20261203T120000_ followed by 16 ' +
    'letters, digits, _ or -',
});

/** A counted minor and the event that counted them. */
export const counterpartSchema = z.strictObject({
  accountId: z.string(),
  ageBand: z.enum(AGE_BANDS),
  region: z.string().optional(),
  eventId: z.string(),
  occurredAt: z.string(),
});

const measurementSchema = z.strictObject({
  name: z.string(),
  value: z.number(),
  threshold: z.number(),
});

/** A flag as moderators see it: no content, only counts and references. */
export const flagSchema = z
  .strictObject({
    flagId: flagIdSchema,
    platformId: platformIdSchema,
    accountId: z.string(),
    ruleId: z.enum(RULE_IDS),
    ruleVersion: z.int(),
    severity: z.enum(SEVERITIES),
    status: z.enum(FLAG_STATUSES),
    raisedAt: z.string(),
    window: z.strictObject({ from: z.string(), to: z.string() }),
    measurements: z.array(measurementSchema),
    subject: z.strictObject({
      ageBand: z.enum(AGE_BANDS),
      region: z.string().optional(),
    }),
    counterparts: z.array(counterpartSchema).meta({
      description:
        `The minors counted, most recent first, at most ${EVIDENCE_LIST_LIMIT}.`,
    }),
    counterpartCount: z.int(),
    regionsInvolved: z.array(z.string()),
    triggeringEventIds: z.array(z.string()),
    supersedes: z.string().optional(),
    legalHoldSince: z.string().optional().meta({
      description: 'Set while the flag is escalated and kept from expiry.',
    }),
  })
  .meta({ id: 'Flag', description: 'An account pattern for a moderator.' });
export type Flag = z.infer<typeof flagSchema>;
export type Counterparts = Flag['counterparts'];

/**
 * A flag's id depends only on what raised it, so a retried evaluation names
 * the same flag and consumers can drop repeats. The prefix, the time of the
 * triggering event, keeps ids roughly in the order flags were raised.
 */
export function flagIdFor(parts: {
  platformId: string;
  accountId: string;
  ruleId: string;
  severity: string;
  triggerEventId: string;
  triggerOccurredAtMs: number;
}): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([parts.platformId, parts.accountId, parts.ruleId,
      parts.severity, parts.triggerEventId]))
    .digest('base64url')
    .slice(0, 16);
  const stamp = new Date(parts.triggerOccurredAtMs).toISOString()
    .replace(/[-:]/g, '').slice(0, 15);
  return `flg_${stamp}_${digest}`;
}
