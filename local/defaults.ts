/**
 * Development credentials for local mode only, fixed so that the README's
 * examples work as written. A deployment never uses them: it reads secrets
 * from Secrets Manager and moderators sign in through Cognito.
 */
export const DEV_PLATFORM_ID = 'demo';
export const DEV_WEBHOOK_SECRET =
  'whsec_dmlnaWwtbG9jYWwtZGV2ZWxvcG1lbnQta2V5IQ==';
export const DEV_MODERATOR_TOKEN = 'local-moderator-token';
export const DEFAULT_PORT = 3000;
