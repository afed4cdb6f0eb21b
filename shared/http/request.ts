import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problem } from './problems';

/** The body's bytes as sent, decoding API Gateway's base64 if it used it. */
export function rawBody(
  event: APIGatewayProxyEventV2,
  maxBytes: number,
): Buffer {
  const body = event.body ?? '';
  // Base64 is 4 characters per 3 bytes, so a body this long is too big
  // before it is even decoded.
  const tooLong = event.isBase64Encoded
    ? body.length > Math.ceil(maxBytes / 3) * 4 + 4
    : Buffer.byteLength(body, 'utf8') > maxBytes;
  const bytes = tooLong ? null
    : Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8');
  if (!bytes || bytes.length > maxBytes) {
    throw problem('payloadTooLarge',
      `The body must be at most ${maxBytes} bytes; split the events into ` +
      'several deliveries.');
  }
  return bytes;
}

/** Lower-cased headers, as Standard Webhooks and our checks expect. */
export function headersOf(
  event: APIGatewayProxyEventV2,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(event.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Refuses bodies not declared as JSON, or declared in a charset other than
 * UTF-8: Vigil reads every body as UTF-8, so a Latin-1 body would otherwise
 * have its accents replaced and its signature fail for no visible reason.
 */
export function requireJson(headers: Record<string, string | undefined>) {
  const [mediaType, ...parameters] = (headers['content-type'] ?? '')
    .split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') {
    const found = mediaType ? `is ${mediaType}` : 'is missing';
    throw problem('unsupportedMediaType', `Content-Type ${found}; send ` +
      'the events as JSON with "Content-Type: application/json".',
    [{ path: 'header:content-type', message: 'must be application/json' }]);
  }

  const charset = parameters.find((p) => p.startsWith('charset='))
    ?.slice('charset='.length).replace(/^"(.*)"$/, '$1');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw problem('unsupportedMediaType', `Content-Type declares charset ` +
      `${charset}; Vigil reads JSON as UTF-8 only. Encode the body as ` +
      'UTF-8 and send "Content-Type: application/json".',
    [{ path: 'header:content-type',
      message: 'charset must be utf-8 or left out' }]);
  }
}

/** Parses JSON, reporting where it breaks. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) {
    throw problem('malformedRequest', 'The body is empty; send a JSON ' +
      'object with an "events" array.');
  }
  const text = utf8(bytes);
  // JSON.parse names the mark as an invisible "unexpected token".
  if (text.startsWith('\uFEFF')) {
    throw problem('invalidJson', 'The body is not valid JSON: it starts ' +
      'with a byte order mark (U+FEFF). Send the JSON as UTF-8 without ' +
      'one, and sign the bytes you send.');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw problem('invalidJson', `The body is not valid JSON: ` +
      `${whereJsonBreaks(text, error)}. Send one JSON object with an ` +
      '"events" array, encoded as UTF-8.');
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as text. A lenient decoding would turn bytes that are not UTF-8
 * into U+FFFD and parse JSON the platform never sent.
 */
function utf8(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw problem('invalidJson', 'The body is not valid UTF-8. Encode the ' +
      'JSON as UTF-8 and sign the bytes you send.');
  }
}

/**
 * JSON.parse's reason with its character offset turned into a line and
 * column a person can find in an editor. V8 gives no offset for an
 * unexpected token, but quotes the text around it instead.
 */
function whereJsonBreaks(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : 'invalid';
  const located = /^(.*?) in JSON at position (\d+)/.exec(message);
  if (!located) return message;

  const [, reason, position] = located;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${reason} at line ${line}, column ${column}`;
}
