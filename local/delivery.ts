import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';

/** Raised when nothing answers at Vigil's URL, as when it is not running. */
export class VigilUnreachableError extends Error {
  override name = 'VigilUnreachableError';

  constructor(readonly url: string, options?: ErrorOptions) {
    super(`could not reach Vigil at ${url}: is \`npm start\` running ` +
      'there? (use --url or PORT)', options);
  }
}

export interface Delivery {
  /** Vigil's base URL, without a trailing slash. */
  url: string;
  platform: string;
  secret: string;
  body: string;
}

/** Signs a delivery with Standard Webhooks and posts it to Vigil. */
export async function postDelivery(delivery: Delivery): Promise<Response> {
  const id = `msg_${randomUUID()}`;
  const timestamp = new Date();
  const signature = new Webhook(delivery.secret)
    .sign(id, timestamp, delivery.body);
  const endpoint = `${delivery.url}/v1/platforms/` +
    `${encodeURIComponent(delivery.platform)}/events`;
  try {
    return await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.body,
    });
  } catch (error) {
    // fetch rejects only when no HTTP answer came back at all.
    throw new VigilUnreachableError(delivery.url, { cause: error });
  }
}

const deliveryShape = z.looseObject({
  events: z.array(z.looseObject({ occurredAt: z.string() })),
});

/**
 * Moves every occurredAt so that the latest is `now`, keeping their
 * spacing: the example files' dates would otherwise fall outside the
 * rules' windows.
 */
export function restamp(body: string, now: number): string {
  const delivery = deliveryShape.parse(JSON.parse(body));
  const times = delivery.events.map((event) => Date.parse(event.occurredAt));
  const shift = now - Math.max(...times);
  for (const [i, event] of delivery.events.entries()) {
    event.occurredAt = new Date((times[i] ?? 0) + shift).toISOString();
  }
  return JSON.stringify(delivery);
}
