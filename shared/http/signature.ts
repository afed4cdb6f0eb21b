import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { problem } from './problems';

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];

/**
 * Checks a delivery's Standard Webhooks signature over its raw bytes against
 * every active secret of the platform, so a rotation never drops
 * deliveries. Throws a 401 problem that says exactly what is wrong.
 */
export function verifySignature(
  rawBody: Buffer,
  headers: Record<string, string | undefined>,
  secrets: readonly string[],
): void {
  const missing = HEADERS.filter((name) => !headers[name]);
  if (missing.length > 0) {
    throw problem('missingSignature',
      `The request lacks the Standard Webhooks header(s) ${missing.join(', ')}.`,
      missing.map((name) => ({ path: `header:${name}`, message: 'required' })));
  }

  const signed = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  let lastFailure = 'No matching signature found';
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(rawBody, signed, { jsonParse: false });
      return;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      lastFailure = error.message;
    }
  }
  throw explain(lastFailure);
}

function explain(failure: string) {
  switch (failure) {
    case 'Message timestamp too old':
      return problem('staleSignature',
        'webhook-timestamp is more than 5 minutes in the past. Sign each ' +
        'delivery attempt with the current time, and check the sender\'s ' +
        'clock.');
    case 'Message timestamp too new':
      return problem('staleSignature',
        'webhook-timestamp is more than 5 minutes in the future; check the ' +
        'sender\'s clock.');
    case 'Invalid Signature Headers':
      return problem('invalidSignature',
        'webhook-timestamp must be whole seconds since the Unix epoch.');
    default:
      return problem('invalidSignature',
        'webhook-signature matches none of the platform\'s active secrets. ' +
        'Sign "{webhook-id}.{webhook-timestamp}.{raw body}" with HMAC-SHA256 ' +
        'and the secret\'s base64-decoded key, exactly as sent.');
  }
}
