import {
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PlatformSecretsError,
  SecretsManagerPlatformDirectory,
} from '../../shared/platforms/secrets-manager';

const SECRET_ID =
  'arn:aws:secretsmanager:eu-west-2:123456789012:secret:vigil/webhooks-AbCdEf';
const CURRENT = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NEXT = 'whsec_9s8Ks7Uq1mPx3bVz4LtR2yWc6eHnJ0aD';

const secretsManager = mockClient(SecretsManagerClient);

const storeSecret = (value: unknown) =>
  secretsManager
    .on(GetSecretValueCommand)
    .resolves({ SecretString: JSON.stringify(value) });

const logger = { warn: vi.fn() };

const directory = () =>
  new SecretsManagerPlatformDirectory({
    secretId: SECRET_ID,
    maxAgeSeconds: 300,
    logger,
  });

/** Every warning logged, as the JSON line it would become. */
const warnings = () =>
  logger.warn.mock.calls.map((args: unknown[]) => JSON.stringify(args));

/** A well-formed secret that no test stores as a valid one. */
const THIRD = 'whsec_Qm9vdHN0cmFwVmlnaWxUZXN0U2VjcmV0';

const errorFrom = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the lookup to fail'),
    (error: unknown) => error,
  );

beforeEach(() => {
  secretsManager.reset();
  logger.warn.mockReset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2025-06-01T12:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('SecretsManagerPlatformDirectory', () => {
  it('returns the active secrets of a registered platform', async () => {
    storeSecret({ 'acme-social': [CURRENT, NEXT] });

    const secrets = await directory().secretsFor('acme-social');

    expect(secrets).toEqual([CURRENT, NEXT]);
  });

  it('returns undefined for a platform the secret does not list', async () => {
    storeSecret({ 'acme-social': [CURRENT] });

    const secrets = await directory().secretsFor('unknown-platform');

    expect(secrets).toBeUndefined();
  });

  it('does not treat inherited object keys as platforms', async () => {
    storeSecret({ 'acme-social': [CURRENT] });

    const secrets = await directory().secretsFor('constructor');

    expect(secrets).toBeUndefined();
  });

  it('sends one GetSecretValue for the secret and caches it', async () => {
    storeSecret({ 'acme-social': [CURRENT], 'other-app': [NEXT] });
    const platforms = directory();

    await platforms.secretsFor('acme-social');
    await platforms.secretsFor('other-app');
    await platforms.secretsFor('acme-social');

    expect(secretsManager.calls()).toHaveLength(1);
    const sent = secretsManager.commandCalls(GetSecretValueCommand);
    expect(sent.map((call) => call.args[0].input)).toEqual([
      { SecretId: SECRET_ID },
    ]);
  });

  it('reads the secret again after maxAge, so a rotation is seen', async () => {
    storeSecret({ 'acme-social': [CURRENT] });
    const platforms = directory();
    await platforms.secretsFor('acme-social');

    storeSecret({ 'acme-social': [CURRENT, NEXT] });
    vi.setSystemTime(new Date('2025-06-01T12:05:01Z'));
    const rotated = await platforms.secretsFor('acme-social');

    expect(rotated).toEqual([CURRENT, NEXT]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('keeps serving the cached secret until maxAge has passed', async () => {
    storeSecret({ 'acme-social': [CURRENT] });
    const platforms = directory();
    await platforms.secretsFor('acme-social');

    storeSecret({ 'acme-social': [NEXT] });
    vi.setSystemTime(new Date('2025-06-01T12:04:59Z'));
    const cached = await platforms.secretsFor('acme-social');

    expect(cached).toEqual([CURRENT]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('rejects a secret that is not JSON without quoting its text', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: `acme-social=${CURRENT}` });

    const error = await errorFrom(directory().secretsFor('acme-social'));

    expect(error).toBeInstanceOf(PlatformSecretsError);
    expect(String(error)).toContain('is not valid JSON');
    expect(String(error)).not.toContain(CURRENT);
    expect(error).not.toHaveProperty('cause');
  });

  it('rejects a value that is not a JSON object, for every platform',
    async () => {
      storeSecret([{ 'acme-social': [CURRENT] }]);

      const error = await errorFrom(directory().secretsFor('acme-social'));

      expect(error).toBeInstanceOf(PlatformSecretsError);
      expect(String(error)).toContain(`secret ${SECRET_ID} is not a JSON ` +
        'object mapping platform ids to secrets');
    });

  it('rejects a secret stored as binary rather than a string', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretBinary: new TextEncoder().encode('{}') });

    const error = await errorFrom(directory().secretsFor('acme-social'));

    expect(error).toBeInstanceOf(PlatformSecretsError);
    expect(String(error)).toContain(`secret ${SECRET_ID} has no SecretString`);
  });

  it('surfaces a Secrets Manager failure to the caller', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejects(new Error('AccessDeniedException'));

    const error = await errorFrom(directory().secretsFor('acme-social'));

    expect(String(error)).toContain('AccessDeniedException');
  });
});

describe('SecretsManagerPlatformDirectory with a malformed entry', () => {
  it.each([
    { what: 'a capitalised platform id', id: 'Acme-Social',
      secrets: [CURRENT],
      problem: 'platform id must be 1 to 63 lower-case letters, digits or ' +
        'hyphens, starting with a letter or digit' },
    { what: 'a sixth secret', id: 'acme-social',
      secrets: [CURRENT, NEXT, THIRD, CURRENT, NEXT, THIRD],
      problem: 'at most 5 secrets may be active per platform' },
    { what: 'no secret left', id: 'acme-social', secrets: [],
      problem: 'each platform needs at least one secret' },
    { what: 'a secret without its prefix', id: 'acme-social',
      secrets: ['plain-text'],
      problem: 'secret 0: a webhook secret must be "whsec_" followed by ' +
        'base64 key bytes' },
  ])('treats only the platform with $what as unknown', async (bad) => {
    storeSecret({ [bad.id]: bad.secrets, 'other-app': [NEXT] });
    const platforms = directory();

    const skipped = await platforms.secretsFor(bad.id);
    const other = await platforms.secretsFor('other-app');

    expect(skipped).toBeUndefined();
    expect(other).toEqual([NEXT]);
    expect(logger.warn).toHaveBeenCalledWith(expect.any(String),
      expect.objectContaining({ platformId: bad.id, problems: [bad.problem] }));
  });

  it('warns once per entry, naming the platform and every problem',
    async () => {
      storeSecret({ 'Acme Social': ['plain-text'], 'good-app': [NEXT] });
      const platforms = directory();

      await platforms.secretsFor('good-app');
      await platforms.secretsFor('Acme Social');

      expect(logger.warn).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        'platform ignored: its webhook secrets entry is malformed',
        { secretId: SECRET_ID, platformId: 'Acme Social', problems: [
          'platform id must be 1 to 63 lower-case letters, digits or ' +
            'hyphens, starting with a letter or digit',
          'secret 0: a webhook secret must be "whsec_" followed by base64 ' +
            'key bytes',
        ] });
    });

  it('never logs a secret, not even one pasted as a platform id',
    async () => {
      storeSecret({ [CURRENT]: [NEXT], 'acme-social': [THIRD, 'whsec_x'] });

      await directory().secretsFor('acme-social');

      expect(warnings()).toHaveLength(2);
      for (const secret of [CURRENT, NEXT, THIRD, 'whsec_x']) {
        expect(warnings().join('\n')).not.toContain(secret);
      }
      expect(logger.warn).toHaveBeenCalledWith(expect.any(String),
        expect.objectContaining({
          platformId: '(a webhook secret, not shown)' }));
    });
});
