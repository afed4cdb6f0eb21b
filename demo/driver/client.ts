import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import type { SocialEvent } from '../../shared/events/schema';
import { flagSchema, type Flag } from '../../shared/flags/flag';

const ingestAnswer = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  flags: z.array(z.string()),
});
export type IngestAnswer = z.infer<typeof ingestAnswer>;

const flagPage = z.object({
  flags: z.array(flagSchema),
  nextCursor: z.string().nullish(),
});

/** Vigil answered with an error the demo cannot recover from. */
export class VigilRequestError extends Error {
  override name = 'VigilRequestError';
}

/** Busy answers (503) are retried this many times, a second apart. */
const BUSY_RETRIES = 5;

/** Where Vigil listens and the credentials the demo uses with it. */
export interface VigilAccess {
  url: string;
  platformId: string;
  webhookSecret: string;
  moderatorToken: string;
}

/** Talks to Vigil's HTTP API as a platform and as a moderator would. */
export class VigilClient {
  readonly #webhook: Webhook;

  constructor(private readonly access: VigilAccess) {
    this.#webhook = new Webhook(access.webhookSecret);
  }

  /** Signs and posts one delivery, retrying while Vigil is busy. */
  async send(events: readonly SocialEvent[]): Promise<IngestAnswer> {
    const body = JSON.stringify({ events });
    const id = `msg_${randomUUID()}`;
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.#post(id, body);
      if (response.ok) return ingestAnswer.parse(await response.json());
      if (response.status !== 503 || attempt === BUSY_RETRIES) {
        throw new VigilRequestError(
          `Vigil refused a delivery: ${response.status} ` +
          `${await response.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  /** Every flag of the platform, read page by page through the API. */
  async listFlags(): Promise<Flag[]> {
    const flags: Flag[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '100',
        ...(cursor ? { cursor } : {}) });
      const response = await fetch(`${this.#platformUrl()}/flags?${query}`,
        { headers: { authorization: `Bearer ${this.access.moderatorToken}` } });
      if (!response.ok) {
        throw new VigilRequestError(`Vigil refused to list flags: ` +
          `${response.status} ${await response.text()}`);
      }
      const page = flagPage.parse(await response.json());
      flags.push(...page.flags);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return flags;
  }

  /** Signatures use the real time: transport freshness is not simulated. */
  #post(id: string, body: string): Promise<Response> {
    const sentAt = new Date();
    return fetch(`${this.#platformUrl()}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
        'webhook-signature': this.#webhook.sign(id, sentAt, body),
      },
      body,
    });
  }

  #platformUrl(): string {
    return `${this.access.url}/v1/platforms/${this.access.platformId}`;
  }
}
