import { Logger } from '@aws-lambda-powertools/logger';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import * as z from 'zod';
import {
  type PlatformDirectory,
  type PlatformSecrets,
  platformIdSchema,
  platformSecretListSchema,
} from './directory';

/**
 * How long, in seconds, a read secret is trusted. A platform rotates by
 * adding its new secret beside the old one, so a few minutes of staleness
 * only delays when the new secret is accepted, never drops a delivery.
 */
const DEFAULT_MAX_AGE_SECONDS = 300;

/** The platform secrets held in Secrets Manager cannot be used. */
export class PlatformSecretsError extends Error {
  override readonly name = 'PlatformSecretsError';

  constructor(
    readonly secretId: string,
    problem: string,
  ) {
    super(`secret ${secretId} ${problem}`);
  }
}

export interface SecretsManagerDirectoryOptions {
  /** Name or ARN of a secret whose SecretString maps platform to secrets. */
  readonly secretId: string;
  readonly maxAgeSeconds?: number;
  /** Where a skipped platform entry is reported; Powertools' by default. */
  readonly logger?: Pick<Logger, 'warn'>;
}

/** The secret's value as a whole: an object, whatever its entries hold. */
const documentSchema = z.record(z.string(), z.unknown());

/**
 * Platforms as registered in one Secrets Manager secret. Create it once at
 * module scope: the secret is read on first use, cached for `maxAgeSeconds`,
 * and parsed again only when its text changes.
 */
export class SecretsManagerPlatformDirectory implements PlatformDirectory {
  readonly #secretId: string;
  readonly #maxAge: number;
  readonly #provider: SecretsProvider;
  readonly #logger: Pick<Logger, 'warn'>;
  #parsed: { readonly text: string; readonly secrets: PlatformSecrets } | null =
    null;

  constructor(options: SecretsManagerDirectoryOptions) {
    this.#secretId = options.secretId;
    this.#maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
    // The provider holds the cache, so one directory means one cache.
    this.#provider = new SecretsProvider();
    this.#logger = options.logger ?? new Logger({ serviceName: 'vigil' });
  }

  async secretsFor(platformId: string) {
    const secrets = await this.#load();

    return Object.hasOwn(secrets, platformId) ? secrets[platformId] : undefined;
  }

  async #load(): Promise<PlatformSecrets> {
    const text = await this.#provider.get(this.#secretId, {
      maxAge: this.#maxAge,
    });
    if (typeof text !== 'string') {
      throw new PlatformSecretsError(this.#secretId, 'has no SecretString');
    }

    if (this.#parsed?.text !== text) {
      this.#parsed = { text, secrets: this.#parse(text) };
    }
    return this.#parsed.secrets;
  }

  /**
   * Each platform's entry is checked on its own: a bad one makes only that
   * platform unknown, so one mistake in the document cannot stop every
   * other platform's deliveries.
   */
  #parse(text: string): PlatformSecrets {
    const document = documentSchema.safeParse(this.#parseJson(text));
    if (!document.success) {
      throw new PlatformSecretsError(this.#secretId,
        'is not a JSON object mapping platform ids to secrets');
    }

    const usable = Object.entries(document.data).flatMap(([id, entry]) => {
      const secrets = platformSecretListSchema.safeParse(entry);
      const problems = [
        ...issuesOf(platformIdSchema.safeParse(id).error),
        ...issuesOf(secrets.error),
      ];
      if (problems.length === 0 && secrets.success) {
        return [[id, secrets.data] as const];
      }
      this.#logger.warn('platform ignored: its webhook secrets entry is ' +
        'malformed', { secretId: this.#secretId,
        platformId: shownPlatformId(id), problems });
      return [];
    });
    // fromEntries defines each key, so no id can reach the prototype.
    return Object.fromEntries(usable);
  }

  #parseJson(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      // The SyntaxError quotes the text around the fault, which here is key
      // material, so neither its message nor the error itself is passed on.
      throw new PlatformSecretsError(this.#secretId, 'is not valid JSON');
    }
  }
}

/** Every problem with its path; zod leaves the rejected values out. */
function issuesOf(error: z.ZodError | undefined): string[] {
  return (error?.issues ?? []).map((issue) => issue.path.length === 0
    ? issue.message
    : `secret ${issue.path.map(String).join('.')}: ${issue.message}`);
}

/**
 * Platform ids are not personal data and are logged as they are, except a
 * key that holds a webhook secret, as one pasted in the wrong place would.
 */
function shownPlatformId(id: string): string {
  return id.includes('whsec_') ? '(a webhook secret, not shown)' : id;
}
