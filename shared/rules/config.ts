import * as z from 'zod';
import { AGE_BANDS } from '../events/schema';
import { platformIdSchema } from '../platforms/directory';

export const SEVERITIES = ['medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher rank means more urgent; used to decide whether a flag escalates. */
export const SEVERITY_RANK: Record<Severity, number> = { medium: 1, high: 2 };

const ageBands = z.array(z.enum(AGE_BANDS)).min(1);
const share = z.number().min(0).max(1);
const positive = z.int().min(1);
const version = z.int().min(1);

const unconnectedMinorContact = z.strictObject({
  enabled: z.boolean(),
  version,
  windowDays: positive,
  mediumAtDistinctMinors: positive,
  highAtDistinctMinors: positive,
  minMinorShareOfRequests: share,
});

const rejectedByMinors = z.strictObject({
  enabled: z.boolean(),
  version,
  windowDays: positive,
  minDistinctMinors: positive,
  minRejectedShare: share,
  severity: z.enum(SEVERITIES),
});

const minorContentViewsSpike = z.strictObject({
  enabled: z.boolean(),
  version,
  windowHours: positive,
  minViews: positive,
  minDistinctMinors: positive,
  minSpikeFactor: z.number().min(1),
  baselineDays: positive,
  severity: z.enum(SEVERITIES),
});

const unsolicitedMessagesToMinor = z.strictObject({
  enabled: z.boolean(),
  version,
  windowDays: positive,
  minMessages: positive,
  minActiveDays: positive,
  newConnectionDays: positive,
  severity: z.enum(SEVERITIES),
});

const blockedOrReportedByMinors = z.strictObject({
  enabled: z.boolean(),
  version,
  windowDays: positive,
  minDistinctMinors: positive,
  severity: z.enum(SEVERITIES),
});

/** The full set of thresholds that one platform's events are judged by. */
export const ruleSettingsSchema = z
  .strictObject({
    ageBands: z.strictObject({ adult: ageBands, minor: ageBands }),
    rules: z.strictObject({
      'unconnected-minor-contact': unconnectedMinorContact,
      'rejected-by-minors': rejectedByMinors,
      'minor-content-views-spike': minorContentViewsSpike,
      'unsolicited-messages-to-minor': unsolicitedMessagesToMinor,
      'blocked-or-reported-by-minors': blockedOrReportedByMinors,
    }),
  })
  .refine(
    (s) => !s.ageBands.adult.some((band) => s.ageBands.minor.includes(band)),
    { error: 'an age band cannot be both adult and minor', path: ['ageBands'] },
  )
  .refine(
    (s) =>
      s.rules['unconnected-minor-contact'].highAtDistinctMinors >=
      s.rules['unconnected-minor-contact'].mediumAtDistinctMinors,
    {
      error: 'highAtDistinctMinors must not be below mediumAtDistinctMinors',
      path: ['rules', 'unconnected-minor-contact', 'highAtDistinctMinors'],
    },
  );
export type RuleSettings = z.infer<typeof ruleSettingsSchema>;
export type RuleId = keyof RuleSettings['rules'];

export const RULE_IDS = [
  'unconnected-minor-contact',
  'rejected-by-minors',
  'minor-content-views-spike',
  'unsolicited-messages-to-minor',
  'blocked-or-reported-by-minors',
] as const satisfies readonly RuleId[];

/**
 * A partial settings object: any leaf may be left out and is then taken from
 * the defaults. Unknown keys are still rejected, so a typo cannot silently
 * leave a threshold at its default.
 */
const overrideSchema = z.strictObject({
  ageBands: z
    .strictObject({ adult: ageBands.optional(), minor: ageBands.optional() })
    .optional(),
  rules: z
    .strictObject({
      'unconnected-minor-contact': unconnectedMinorContact.partial().optional(),
      'rejected-by-minors': rejectedByMinors.partial().optional(),
      'minor-content-views-spike': minorContentViewsSpike.partial().optional(),
      'unsolicited-messages-to-minor': unsolicitedMessagesToMinor
        .partial()
        .optional(),
      'blocked-or-reported-by-minors': blockedOrReportedByMinors
        .partial()
        .optional(),
    })
    .optional(),
});
export type RuleOverride = z.infer<typeof overrideSchema>;

/** The rules document an operator deploys: defaults plus per-platform edits. */
export const ruleBookSchema = z.strictObject({
  schemaVersion: z.literal(1),
  defaults: overrideSchema.optional(),
  platforms: z.record(platformIdSchema, overrideSchema).optional(),
});
export type RuleBookDocument = z.infer<typeof ruleBookSchema>;
