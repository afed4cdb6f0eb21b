import * as z from 'zod';

/**
 * What a moderator can decide about a flag. `released` ends the legal hold
 * that `escalated` placed; the others close an open flag.
 */
export const DECISIONS = [
  'dismissed',
  'actioned',
  'escalated',
  'released',
] as const;
export type DecisionKind = (typeof DECISIONS)[number];

/** Free text kept in the audit trail; bounded so the trail stays small. */
const text = (field: string) => z
  .string({ error: (issue) => issue.input === undefined
    ? `${field} is required` : `${field} must be a string` })
  .trim()
  .min(1, { error: `${field} must not be empty` })
  .max(1000, { error: `${field} must be at most 1000 characters` });

const reference = z
  .string({ error: 'reference must be a string' })
  .trim()
  .min(1, { error: 'reference must not be empty' })
  .max(200, { error: 'reference must be at most 200 characters' })
  .meta({ description: 'The police or hotline reference of the referral.' });

/** The body of POST .../decisions. */
export const decisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('dismissed'),
    reason: text('reason'),
  }),
  z.strictObject({
    decision: z.literal('actioned'),
    note: text('note').optional(),
  }),
  z.strictObject({
    decision: z.literal('escalated'),
    reference: reference.optional(),
    note: text('note').optional(),
  }),
  z.strictObject({
    decision: z.literal('released'),
    reason: text('reason'),
  }),
], { error: (issue) => !isPlainObject(issue.input)
  ? 'the body must be a JSON object such as {"decision": "dismissed", ' +
    '"reason": "..."}'
  : `decision must be one of ${DECISIONS.join(', ')}` })
  .meta({ id: 'Decision', description: "A moderator's decision on a flag." });
export type Decision = z.infer<typeof decisionSchema>;

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Who decided. In AWS, the verified token's subject and whatever names it
 * carries; locally, the handle the moderator gave.
 */
export const moderatorSchema = z.strictObject({
  id: z.string().min(1),
  email: z.string().optional(),
  username: z.string().optional(),
});
export type Moderator = z.infer<typeof moderatorSchema>;
