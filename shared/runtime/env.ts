import * as z from 'zod';

/**
 * The environment each deployed function reads at cold start. The stack
 * sets these; a missing or malformed one stops the function with a message
 * that names it.
 */
export const tableEnv = z.object({
  TABLE_NAME: z.string().min(1, { error: 'TABLE_NAME must name the table' }),
});

export const platformEnv = tableEnv.extend({
  PLATFORM_SECRETS_ID: z.string().min(1, {
    error: 'PLATFORM_SECRETS_ID must name the platform secrets secret',
  }),
  RULES_JSON: z.string().optional(),
});

export const topicEnv = z.object({
  FLAGS_TOPIC_ARN: z.string().startsWith('arn:', {
    error: 'FLAGS_TOPIC_ARN must be the ARN of the flags topic',
  }),
});
