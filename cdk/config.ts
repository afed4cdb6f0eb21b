import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';

/**
 * What an operator chooses per deployment, read from CDK context: the
 * defaults live in cdk.json and `-c name=value` overrides them. Values given
 * on the command line arrive as strings, so numbers are coerced here.
 */
// SQS keeps a message for at most 14 days.
const queueDays = z.coerce.number().int().min(1).max(14);

/** The two retentions, parsed on their own to compare them. */
const queueRetentions = z.object({
  queueRetentionDays: queueDays,
  deadLetterRetentionDays: queueDays,
});

const configSchema = z
  .strictObject({
    environment: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, {
        error:
          'must be 1 to 20 lower-case letters, digits or hyphens, ' +
          'starting with a letter',
      }),
    alarmEmail: z.email({ error: 'must be an e-mail address' }).optional(),
    logRetentionDays: z.coerce
      .number()
      .pipe(
        z.enum(RetentionDays, {
          error: 'must be a retention CloudWatch Logs offers, such as 30 or 90',
        }),
      )
      // Access logs hold IP addresses and moderator ids, which must expire.
      .refine((days) => days !== RetentionDays.INFINITE, {
        error:
          'must be a number of days: 9999, which CDK reads as "keep for ' +
          'ever", is refused because the logs hold IP addresses and ' +
          'moderator ids',
      }),
    queueRetentionDays: queueDays,
    deadLetterRetentionDays: queueDays,
  })
  .refine(
    (config) => config.deadLetterRetentionDays > config.queueRetentionDays,
    {
      // A message that failed late in its life must still be in the
      // dead-letter queue when someone comes to look at it.
      error: 'must be longer than queueRetentionDays',
      path: ['deadLetterRetentionDays'],
      // Compared whenever both are valid, even if another value is not, so
      // that every bad value is reported at once.
      when: (payload) => queueRetentions.safeParse(payload.value).success,
    },
  );

export type VigilConfig = z.infer<typeof configSchema>;

const CONTEXT_KEYS = Object.keys(configSchema.shape);

/** Reads and checks the deployment settings, naming every bad value. */
export function readConfig(node: Node): VigilConfig {
  const given = Object.fromEntries(
    CONTEXT_KEYS.map((key) => [key, node.tryGetContext(key)]).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );

  const result = configSchema.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const problem = Object.hasOwn(given, key)
        ? issue.message
        : `is not set; add it to cdk.json or pass -c ${key}=...`;
      return `  ${key}: ${problem}`;
    });
    throw new Error(`Invalid CDK context for Vigil:\n${problems.join('\n')}`);
  }

  return result.data;
}
