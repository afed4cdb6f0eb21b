import { readEnv } from '../config/env';
import { SecretsManagerPlatformDirectory } from
  '../platforms/secrets-manager';
import { platformEnv } from './env';

/** The platform directory from Secrets Manager, for the functions that need it. */
export function platformDirectory() {
  const env = readEnv(platformEnv.pick({ PLATFORM_SECRETS_ID: true }));
  return new SecretsManagerPlatformDirectory({
    secretId: env.PLATFORM_SECRETS_ID,
  });
}
