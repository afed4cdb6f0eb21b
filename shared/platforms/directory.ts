import * as z from 'zod';

/** Platform ids appear in URLs and storage keys, so they are kept plain. */
export const platformIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, {
    error:
      'platform id must be 1 to 63 lower-case letters, digits or hyphens, ' +
      'starting with a letter or digit',
  });

/** A Standard Webhooks signing secret: `whsec_` and base64 key bytes. */
export const webhookSecretSchema = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, {
    error: 'a webhook secret must be "whsec_" followed by base64 key bytes',
  });

/**
 * The secrets that may sign one platform's webhooks. Several are active at
 * once so that a platform can rotate without dropping deliveries.
 */
export const platformSecretListSchema = z
  .array(webhookSecretSchema)
  .min(1, { error: 'each platform needs at least one secret' })
  .max(5, { error: 'at most 5 secrets may be active per platform' });

/** Platform id to the secrets that may sign its webhooks. */
export const platformSecretsSchema = z.record(
  platformIdSchema,
  platformSecretListSchema,
);
export type PlatformSecrets = z.infer<typeof platformSecretsSchema>;

/** Where the ingest function learns which platforms exist. */
export interface PlatformDirectory {
  /** The active secrets of a platform, or undefined if it is unknown. */
  secretsFor(platformId: string): Promise<readonly string[] | undefined>;
}

/** A directory fixed at start-up, as local mode and tests use. */
export class StaticPlatformDirectory implements PlatformDirectory {
  constructor(private readonly secrets: PlatformSecrets) {}

  async secretsFor(platformId: string) {
    return Object.hasOwn(this.secrets, platformId)
      ? this.secrets[platformId]
      : undefined;
  }
}
