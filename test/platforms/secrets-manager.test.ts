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

const directory = () =>
  new SecretsManagerPlatformDirectory({
    secretId: SECRET_ID,
    maxAgeSeconds: 300,
  });

const errorFrom = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected the lookup to fail'),
    (error: unknown) => error,
  );

beforeEach(() => {
  secretsManager.reset();
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

  it('reports every malformed entry at once, by path', async () => {
    storeSecret({
      'Acme Social': [CURRENT],
      'other-app': ['plain-text', CURRENT],
    });

    const error = await errorFrom(directory().secretsFor('other-app'));

    expect(error).toBeInstanceOf(PlatformSecretsError);
    expect(String(error)).toContain(
      'Acme Social: platform id must be 1 to 63 lower-case letters',
    );
    expect(String(error)).toContain(
      'other-app.0: a webhook secret must be "whsec_" followed by base64',
    );
    expect(String(error)).not.toContain('plain-text');
  });

  it('rejects a platform registered with no secrets', async () => {
    storeSecret({ 'acme-social': [] });

    const error = await errorFrom(directory().secretsFor('acme-social'));

    expect(String(error)).toContain(
      'acme-social: each platform needs at least one secret',
    );
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
