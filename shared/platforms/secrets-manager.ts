import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { z } from 'zod';
import {
  type PlatformDirectory,
  type PlatformSecrets,
  platformSecretsSchema,
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
}

/**
 * Platforms as registered in one Secrets Manager secret. Create it once at
 * module scope: the secret is read on first use, cached for `maxAgeSeconds`,
 * and parsed again only when its text changes.
 */
export class SecretsManagerPlatformDirectory implements PlatformDirectory {
  readonly #secretId: string;
  readonly #maxAge: number;
  readonly #provider: SecretsProvider;
  #parsed: { readonly text: string; readonly secrets: PlatformSecrets } | null =
    null;

  constructor(options: SecretsManagerDirectoryOptions) {
    this.#secretId = options.secretId;
    this.#maxAge = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
    // The provider holds the cache, so one directory means one cache.
    this.#provider = new SecretsProvider();
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

  #parse(text: string): PlatformSecrets {
    const result = platformSecretsSchema.safeParse(this.#parseJson(text));
    if (!result.success) {
      throw new PlatformSecretsError(
        this.#secretId,
        `does not map platform ids to secrets: ${listIssues(result.error)}`,
      );
    }

    return result.data;
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
function listIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || '(root)';
      // A bad platform id is reported as a key issue wrapping the real one.
      const messages =
        issue.code === 'invalid_key'
          ? issue.issues.map((inner) => inner.message)
          : [issue.message];
      return `${path}: ${messages.join(', ')}`;
    })
    .join('; ');
}
