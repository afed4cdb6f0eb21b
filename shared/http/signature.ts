import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { problem } from './problems';

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as
  const;
type SignatureHeaders = Record<(typeof HEADERS)[number], string>;

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
  const signed = signatureHeaders(headers);

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

/** The three headers, present and with a timestamp of whole seconds. */
function signatureHeaders(
  headers: Record<string, string | undefined>,
): SignatureHeaders {
  const missing = HEADERS.filter((name) => !headers[name]);
  if (missing.length > 0) {
    throw problem('missingSignature',
      `The request lacks the Standard Webhooks header(s) ` +
      `${missing.join(', ')}; sign every delivery and send all of ` +
      `${HEADERS.join(', ')}.`,
      missing.map((name) => ({ path: `header:${name}`,
        message: `${name} is required` })));
  }

  const signed = {
    'webhook-id': headers['webhook-id'] ?? '',
    'webhook-timestamp': headers['webhook-timestamp'] ?? '',
    'webhook-signature': headers['webhook-signature'] ?? '',
  };
  // The library reads "17e8" or "1.5" as a number and then reports a
  // stale or wrong signature, which would send the sender looking in the
  // wrong place.
  if (!/^\d{1,12}$/.test(signed['webhook-timestamp'])) {
    throw problem('invalidSignature',
      'webhook-timestamp must be whole seconds since the Unix epoch, such ' +
      'as 1614265330, and be the value that was signed.',
      [timestampItem('must be whole seconds since the Unix epoch')]);
  }
  return signed;
}

function explain(failure: string) {
  switch (failure) {
    case 'Message timestamp too old':
      return problem('staleSignature',
        'webhook-timestamp is more than 5 minutes in the past. Sign each ' +
        'delivery attempt with the current time, and check the sender\'s ' +
        'clock.', [timestampItem('more than 5 minutes in the past')]);
    case 'Message timestamp too new':
      return problem('staleSignature',
        'webhook-timestamp is more than 5 minutes in the future; check the ' +
        'sender\'s clock.',
        [timestampItem('more than 5 minutes in the future')]);
    default:
      return problem('invalidSignature',
        'webhook-signature matches none of the platform\'s active secrets. ' +
        'Sign "{webhook-id}.{webhook-timestamp}.{raw body}" with ' +
        'HMAC-SHA256, keyed with the base64-decoded part of the secret ' +
        'after "whsec_", over the body exactly as sent, and send ' +
        '"v1,{base64 signature}".',
        [{ path: 'header:webhook-signature',
          message: 'matches none of the active secrets' }]);
  }
}

function timestampItem(message: string) {
  return { path: 'header:webhook-timestamp', message };
}
