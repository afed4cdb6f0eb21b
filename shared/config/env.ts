import * as z from 'zod';

/** Raised at cold start when the environment is incomplete or wrong. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/**
 * Reads the environment through a schema once, at cold start, and stops
 * with a message naming every missing or malformed variable.
 */
export function readEnv<T extends z.ZodType>(
  schema: T,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map((issue) =>
    `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigurationError(
    `invalid environment: ${problems.join('; ')}`);
}
