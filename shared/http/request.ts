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

/** Refuses bodies not declared as JSON. */
export function requireJson(headers: Record<string, string | undefined>) {
  const type = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw problem('unsupportedMediaType',
      `Content-Type must be application/json, not ${type ?? 'missing'}.`);
  }
}

/** Parses JSON, reporting where it breaks. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) {
    throw problem('malformedRequest', 'The body is empty; send a JSON ' +
      'object with an "events" array.');
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'invalid';
    throw problem('invalidJson', `The body is not valid JSON: ${reason}.`);
  }
}
