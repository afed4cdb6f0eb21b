import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifySignature } from '../../shared/http/signature';
import { newSecret } from './client';

// The reference vector published with the Standard Webhooks specification.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

const HEADERS = {
  'webhook-id': ID,
  'webhook-timestamp': String(TIMESTAMP),
  'webhook-signature': SIGNATURE,
};

/** The problem document and status a verification throws, if any. */
function refusal(
  headers: Record<string, string | undefined>,
  secrets: readonly string[] = [SECRET],
  payload = PAYLOAD,
) {
  try {
    verifySignature(Buffer.from(payload), headers, secrets);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const status: unknown = Reflect.get(error, 'statusCode');
    return { status, body: JSON.parse(error.message) };
  }
  return 'accepted';
}

const wrongSignature = {
  status: 401,
  body: {
    type: '/problems/invalid-signature',
    title: 'Webhook signature invalid',
    status: 401,
    detail: 'webhook-signature matches none of the platform\'s active ' +
      'secrets. Sign "{webhook-id}.{webhook-timestamp}.{raw body}" with ' +
      'HMAC-SHA256, keyed with the base64-decoded part of the secret after ' +
      '"whsec_", over the body exactly as sent, and send ' +
      '"v1,{base64 signature}".',
    errors: [{ path: 'header:webhook-signature',
      message: 'matches none of the active secrets' }],
  },
};

describe('verifySignature with the Standard Webhooks reference vector', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(TIMESTAMP * 1000);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('computes the published signature with the library', () => {
    const signature = new Webhook(SECRET)
      .sign(ID, new Date(TIMESTAMP * 1000), PAYLOAD);

    expect(signature).toBe(SIGNATURE);
  });

  it('accepts the published delivery', () => {
    expect(refusal(HEADERS)).toBe('accepted');
  });

  it('accepts it when the signing secret is the second active one', () => {
    expect(refusal(HEADERS, [newSecret(), SECRET])).toBe('accepted');
  });

  it('accepts a header with several signatures when one matches', () => {
    const headers = { ...HEADERS,
      'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')} ` +
        SIGNATURE };

    expect(refusal(headers)).toBe('accepted');
  });

  it('refuses the payload with one byte changed', () => {
    expect(refusal(HEADERS, [SECRET], '{"test": 2432232315}'))
      .toEqual(wrongSignature);
  });

  it('refuses the delivery when only other secrets are active', () => {
    expect(refusal(HEADERS, [newSecret(), newSecret()]))
      .toEqual(wrongSignature);
  });

  it('accepts a timestamp exactly five minutes old', () => {
    vi.setSystemTime((TIMESTAMP + 300) * 1000);

    expect(refusal(HEADERS)).toBe('accepted');
  });

  it('refuses a timestamp more than five minutes old', () => {
    vi.setSystemTime((TIMESTAMP + 301) * 1000);

    expect(refusal(HEADERS)).toEqual({
      status: 401,
      body: {
        type: '/problems/stale-signature',
        title: 'Webhook timestamp outside tolerance',
        status: 401,
        detail: 'webhook-timestamp is more than 5 minutes in the past. Sign ' +
          'each delivery attempt with the current time, and check the ' +
          'sender\'s clock.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'more than 5 minutes in the past' }],
      },
    });
  });

  it('refuses a timestamp more than five minutes ahead', () => {
    vi.setSystemTime((TIMESTAMP - 301) * 1000);

    expect(refusal(HEADERS)).toEqual({
      status: 401,
      body: {
        type: '/problems/stale-signature',
        title: 'Webhook timestamp outside tolerance',
        status: 401,
        detail: 'webhook-timestamp is more than 5 minutes in the future; ' +
          'check the sender\'s clock.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'more than 5 minutes in the future' }],
      },
    });
  });

  it.each(['1614265330.5', '16142e5', 'yesterday', '-1614265330'])(
    'refuses the timestamp %j as not whole seconds', (timestamp) => {
      expect(refusal({ ...HEADERS, 'webhook-timestamp': timestamp }))
        .toEqual({
          status: 401,
          body: {
            type: '/problems/invalid-signature',
            title: 'Webhook signature invalid',
            status: 401,
            detail: 'webhook-timestamp must be whole seconds since the Unix ' +
              'epoch, such as 1614265330, and be the value that was signed.',
            errors: [{ path: 'header:webhook-timestamp',
              message: 'must be whole seconds since the Unix epoch' }],
          },
        });
    });

  it('names every missing header', () => {
    expect(refusal({ 'webhook-id': ID })).toEqual({
      status: 401,
      body: {
        type: '/problems/missing-signature',
        title: 'Webhook signature missing',
        status: 401,
        detail: 'The request lacks the Standard Webhooks header(s) ' +
          'webhook-timestamp, webhook-signature; sign every delivery and ' +
          'send all of webhook-id, webhook-timestamp, webhook-signature.',
        errors: [
          { path: 'header:webhook-timestamp',
            message: 'webhook-timestamp is required' },
          { path: 'header:webhook-signature',
            message: 'webhook-signature is required' },
        ],
      },
    });
  });
});
