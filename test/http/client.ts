import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { SocialEvent } from '../../shared/events/schema';

/** A fresh `whsec_` secret, so no test leans on a well-known key. */
export function newSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Status, content type and parsed body: what a platform engineer sees. */
export interface Answer {
  status: number;
  contentType: string | null;
  body: unknown;
}

export async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: text === '' ? undefined : JSON.parse(text),
  };
}

export interface SigningOptions {
  secret: string;
  /** Seconds since the epoch; the real clock by default. */
  timestamp?: number;
  id?: string;
}

/** The three Standard Webhooks headers for these exact bytes. */
export function signatureHeaders(
  body: string | Uint8Array,
  { secret, timestamp = nowSeconds(), id = `msg_${randomUUID()}` }:
    SigningOptions,
): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature':
      new Webhook(secret).sign(id, new Date(timestamp * 1000), body),
  };
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function deliveryOf(events: readonly SocialEvent[]): string {
  return JSON.stringify({ events });
}

export interface ProblemBody {
  type: string;
  title: string;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** What a refused request answers: its status, problem+json, the body. */
export function refused(status: number, problem: ProblemBody): Answer {
  return {
    status,
    contentType: 'application/problem+json',
    body: { ...problem, status },
  };
}
