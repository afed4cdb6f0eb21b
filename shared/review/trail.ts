import * as z from 'zod';
import { FLAG_STATUSES } from '../flags/flag';
import { DECISIONS, moderatorSchema } from './decision';

/**
 * One decision as the audit trail keeps it. Entries are only ever added,
 * numbered from 1 in the order they were made.
 */
export const trailEntrySchema = z
  .strictObject({
    seq: z.int().min(1),
    decision: z.enum(DECISIONS),
    decidedAt: z.string(),
    decidedBy: moderatorSchema,
    status: z.strictObject({
      from: z.enum(FLAG_STATUSES),
      to: z.enum(FLAG_STATUSES),
    }),
    legalHold: z.boolean().meta({
      description: 'Whether the flag is on legal hold after this decision.',
    }),
    reason: z.string().optional(),
    note: z.string().optional(),
    reference: z.string().optional(),
  })
  .meta({ id: 'TrailEntry', description: 'One decision on a flag.' });
export type TrailEntry = z.infer<typeof trailEntrySchema>;
