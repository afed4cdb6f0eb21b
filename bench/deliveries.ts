import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { SocialEvent } from '../shared/events/schema';
import { CLOCK_HEADER } from './vigil-under-test';

/** One webhook delivery, its body serialised ahead of time. */
export interface Delivery {
  body: string;
  events: readonly SocialEvent[];
  /** The latest occurredAt in the delivery, in epoch milliseconds. */
  latestMs: number;
}

/** Cuts time-ordered events into deliveries of `size` events. */
export function toDeliveries(
  events: readonly SocialEvent[],
  size: number,
): Delivery[] {
  const deliveries: Delivery[] = [];
  for (let start = 0; start < events.length; start += size) {
    const chunk = events.slice(start, start + size);
    deliveries.push({
      body: JSON.stringify({ events: chunk }),
      events: chunk,
      latestMs: Math.max(...chunk.map((e) => Date.parse(e.occurredAt))),
    });
  }
  return deliveries;
}

/** The Standard Webhooks headers for a body, signed now as a platform does. */
export function signedHeaders(
  signer: Webhook,
  body: string,
): Record<string, string> {
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signer.sign(id, at, body),
  };
}

/** What came back from one delivery. */
export interface Answer {
  status: number;
  body: string;
}

/**
 * Signs and posts a delivery the way a platform's webhook sender does,
 * telling the service under test the simulated time it is sent at.
 */
export async function send(
  url: string,
  signer: Webhook,
  delivery: Delivery,
): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...signedHeaders(signer, delivery.body),
      [CLOCK_HEADER]: String(delivery.latestMs) },
    body: delivery.body,
  });
  return { status: response.status, body: await response.text() };
}
