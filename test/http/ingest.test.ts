import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../../local/app';
import { LIMITS } from '../../shared/events/schema';
import { NOW, adult, event, minor } from '../support/events';
import {
  answerOf,
  deliveryOf,
  newSecret,
  nowSeconds,
  refused,
  signatureHeaders,
  type Answer,
} from './client';

const PLATFORM = 'acme';
/** During a rotation both the current and the next secret are active. */
const CURRENT_SECRET = newSecret();
const NEXT_SECRET = newSecret();
const RETIRED_SECRET = newSecret();

const WRONG_SIGNATURE = refused(401, {
  type: '/problems/invalid-signature',
  title: 'Webhook signature invalid',
  detail: 'webhook-signature matches none of the platform\'s active ' +
    'secrets. Sign "{webhook-id}.{webhook-timestamp}.{raw body}" with ' +
    'HMAC-SHA256, keyed with the base64-decoded part of the secret after ' +
    '"whsec_", over the body exactly as sent, and send ' +
    '"v1,{base64 signature}".',
  errors: [{ path: 'header:webhook-signature',
    message: 'matches none of the active secrets' }],
});

let vigil: LocalVigil;

beforeAll(async () => {
  vigil = await startLocalVigil({
    platforms: { [PLATFORM]: [CURRENT_SECRET, NEXT_SECRET] },
    moderatorToken: 'moderator-token-for-tests',
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `vigil-http-ingest-${randomUUID()}`,
    port: 0,
    now: () => NOW,
  });
});

afterAll(async () => {
  await vigil.stop();
});

/** Posts bytes with exactly these headers. */
async function post(
  body: string | Uint8Array,
  headers: Record<string, string>,
  platformId = PLATFORM,
): Promise<Answer> {
  const response = await fetch(
    `${vigil.url}/v1/platforms/${platformId}/events`,
    { method: 'POST', headers, body });
  return answerOf(response);
}

interface SendOptions {
  secret?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  platformId?: string;
}

/** Posts a body as JSON, signed as a platform would sign it. */
function send(body: string, options: SendOptions = {}): Promise<Answer> {
  const signature = signatureHeaders(body, {
    secret: options.secret ?? CURRENT_SECRET,
    timestamp: options.timestamp,
  });
  return post(body, {
    'content-type': 'application/json',
    ...signature,
    ...options.headers,
  }, options.platformId);
}

/** Account ids unique to one test, so counts never leak between tests. */
function accounts() {
  const tag = randomUUID().slice(0, 8);
  return {
    adultA: adult(`adult-a-${tag}`),
    adultB: adult(`adult-b-${tag}`),
    minorA: minor(`minor-a-${tag}`),
    minorB: minor(`minor-b-${tag}`),
  };
}

function follows(count: number) {
  const { adultA, adultB } = accounts();
  return Array.from({ length: count },
    () => event('follow.created', adultA, adultB));
}

function accepted(body: { accepted: number; duplicates: number;
  flags: unknown[] }): Answer {
  return { status: 200, contentType: 'application/json', body };
}

describe('POST /v1/platforms/{platformId}/events', () => {
  describe('a valid delivery', () => {
    it('counts each event and answers with the totals', async () => {
      const answer = await send(deliveryOf(follows(2)));

      expect(answer).toEqual(accepted({ accepted: 2, duplicates: 0,
        flags: [] }));
    });

    it('lists the ids of the flags the delivery raised', async () => {
      const { adultA, minorA, minorB } = accounts();
      const body = deliveryOf([
        event('block.created', minorA, adultA),
        event('report.created', minorB, adultA),
      ]);

      const answer = await send(body);

      expect(answer).toEqual(accepted({ accepted: 2, duplicates: 0,
        flags: [expect.stringMatching(/^flg_\d{8}T\d{6}_[\w-]{16}$/)] }));
    });

    it('accepts JSON declared with a charset', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { headers: { 'content-type': 'application/json; charset=utf-8' } });

      expect(answer.status).toBe(200);
    });

    it('accepts a body of exactly 1 MiB', async () => {
      const json = deliveryOf(follows(1));
      const body = json.padEnd(LIMITS.maxBodyBytes, ' ');

      const answer = await send(body);

      expect(Buffer.byteLength(body)).toBe(1024 * 1024);
      expect(answer).toEqual(accepted({ accepted: 1, duplicates: 0,
        flags: [] }));
    });
  });

  describe('authenticity', () => {
    it('refuses a delivery without signature headers, naming each',
      async () => {
        const answer = await post(deliveryOf(follows(1)),
          { 'content-type': 'application/json' });

        expect(answer).toEqual(refused(401, {
          type: '/problems/missing-signature',
          title: 'Webhook signature missing',
          detail: 'The request lacks the Standard Webhooks header(s) ' +
            'webhook-id, webhook-timestamp, webhook-signature; sign every ' +
            'delivery and send all of webhook-id, webhook-timestamp, ' +
            'webhook-signature.',
          errors: [
            { path: 'header:webhook-id', message: 'webhook-id is required' },
            { path: 'header:webhook-timestamp',
              message: 'webhook-timestamp is required' },
            { path: 'header:webhook-signature',
              message: 'webhook-signature is required' },
          ],
        }));
      });

    it('names the one signature header that is missing', async () => {
      const body = deliveryOf(follows(1));
      const { 'webhook-timestamp': _dropped, ...partial } =
        signatureHeaders(body, { secret: CURRENT_SECRET });

      const answer = await post(body,
        { 'content-type': 'application/json', ...partial });

      expect(answer).toEqual(refused(401, {
        type: '/problems/missing-signature',
        title: 'Webhook signature missing',
        detail: 'The request lacks the Standard Webhooks header(s) ' +
          'webhook-timestamp; sign every delivery and send all of ' +
          'webhook-id, webhook-timestamp, webhook-signature.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'webhook-timestamp is required' }],
      }));
    });

    it('refuses a signature made with a retired secret', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { secret: RETIRED_SECRET });

      expect(answer).toEqual(WRONG_SIGNATURE);
    });

    it('accepts signatures by either active secret during a rotation',
      async () => {
        const byCurrent = await send(deliveryOf(follows(1)),
          { secret: CURRENT_SECRET });
        const byNext = await send(deliveryOf(follows(1)),
          { secret: NEXT_SECRET });

        expect([byCurrent.status, byNext.status]).toEqual([200, 200]);
      });

    it('refuses a body altered after signing', async () => {
      const body = deliveryOf(follows(1));
      const headers = signatureHeaders(body, { secret: CURRENT_SECRET });
      const altered = body.replace('"18_plus"', '"16_17"');

      const answer = await post(altered,
        { 'content-type': 'application/json', ...headers });

      expect(altered).not.toBe(body);
      expect(answer).toEqual(WRONG_SIGNATURE);
    });

    it('verifies the bytes as sent, not a re-serialised copy', async () => {
      const [follow] = follows(1);
      const body = `{ "events" : [\n  ${JSON.stringify(follow)
        .replace('"follow.created"', '"follow\\u002ecreated"')} ]\n}`;

      const answer = await send(body);

      expect(answer.status).toBe(200);
    });

    it('refuses a timestamp more than five minutes old', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { timestamp: nowSeconds() - 6 * 60 });

      expect(answer).toEqual(refused(401, {
        type: '/problems/stale-signature',
        title: 'Webhook timestamp outside tolerance',
        detail: 'webhook-timestamp is more than 5 minutes in the past. ' +
          'Sign each delivery attempt with the current time, and check ' +
          'the sender\'s clock.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'more than 5 minutes in the past' }],
      }));
    });

    it('refuses a timestamp more than five minutes ahead', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { timestamp: nowSeconds() + 6 * 60 });

      expect(answer).toEqual(refused(401, {
        type: '/problems/stale-signature',
        title: 'Webhook timestamp outside tolerance',
        detail: 'webhook-timestamp is more than 5 minutes in the future; ' +
          'check the sender\'s clock.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'more than 5 minutes in the future' }],
      }));
    });

    it('accepts a timestamp just under five minutes old', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { timestamp: nowSeconds() - 4 * 60 - 40 });

      expect(answer.status).toBe(200);
    });

    it('refuses a timestamp that is not whole seconds', async () => {
      const body = deliveryOf(follows(1));
      const headers = signatureHeaders(body, { secret: CURRENT_SECRET });

      const answer = await post(body, { 'content-type': 'application/json',
        ...headers, 'webhook-timestamp': `${headers['webhook-timestamp']}.0` });

      expect(answer).toEqual(refused(401, {
        type: '/problems/invalid-signature',
        title: 'Webhook signature invalid',
        detail: 'webhook-timestamp must be whole seconds since the Unix ' +
          'epoch, such as 1614265330, and be the value that was signed.',
        errors: [{ path: 'header:webhook-timestamp',
          message: 'must be whole seconds since the Unix epoch' }],
      }));
    });

    it('checks the signature before reading the body', async () => {
      const answer = await post('{ not json',
        { 'content-type': 'application/json' });

      expect(answer).toMatchObject({ status: 401,
        body: { type: '/problems/missing-signature' } });
    });
  });

  describe('the platform in the path', () => {
    it('refuses a platform this deployment does not know', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { platformId: 'globex' });

      expect(answer).toEqual(refused(404, {
        type: '/problems/unknown-platform',
        title: 'Unknown platform',
        detail: 'No platform "globex" is registered with this Vigil ' +
          'deployment; check the URL or ask the operator to register it.',
      }));
    });

    it('says what a platform id looks like when it cannot be one',
      async () => {
        const answer = await send(deliveryOf(follows(1)),
          { platformId: 'Acme_Corp' });

        expect(answer).toEqual(refused(404, {
          type: '/problems/unknown-platform',
          title: 'Unknown platform',
          detail: 'No platform "Acme_Corp" is registered with this Vigil ' +
            'deployment; platform id must be 1 to 63 lower-case letters, ' +
            'digits or hyphens, starting with a letter or digit; check the ' +
            'URL.',
        }));
      });
  });

  describe('size and type of the body', () => {
    it('refuses a body over 1 MiB', async () => {
      const body = deliveryOf(follows(1)).padEnd(LIMITS.maxBodyBytes + 1);

      const answer = await send(body);

      expect(answer).toEqual(refused(413, {
        type: '/problems/payload-too-large',
        title: 'Body too large',
        detail: 'The body must be at most 1048576 bytes; split the events ' +
          'into several deliveries.',
      }));
    });

    it('refuses a body declared as something other than JSON', async () => {
      const answer = await send(deliveryOf(follows(1)),
        { headers: { 'content-type': 'text/plain' } });

      expect(answer).toEqual(refused(415, {
        type: '/problems/unsupported-media-type',
        title: 'Body must be JSON',
        detail: 'Content-Type is text/plain; send the events as JSON with ' +
          '"Content-Type: application/json".',
        errors: [{ path: 'header:content-type',
          message: 'must be application/json' }],
      }));
    });

    it('refuses JSON declared in a charset other than UTF-8', async () => {
      const answer = await send(deliveryOf(follows(1)), { headers:
        { 'content-type': 'application/json; charset=ISO-8859-1' } });

      expect(answer).toEqual(refused(415, {
        type: '/problems/unsupported-media-type',
        title: 'Body must be JSON',
        detail: 'Content-Type declares charset iso-8859-1; Vigil reads ' +
          'JSON as UTF-8 only. Encode the body as UTF-8 and send ' +
          '"Content-Type: application/json".',
        errors: [{ path: 'header:content-type',
          message: 'charset must be utf-8 or left out' }],
      }));
    });

    it('refuses a body without a content type', async () => {
      const body = Buffer.from(deliveryOf(follows(1)));

      const answer = await post(body,
        signatureHeaders(body, { secret: CURRENT_SECRET }));

      expect(answer).toEqual(refused(415, {
        type: '/problems/unsupported-media-type',
        title: 'Body must be JSON',
        detail: 'Content-Type is missing; send the events as JSON with ' +
          '"Content-Type: application/json".',
        errors: [{ path: 'header:content-type',
          message: 'must be application/json' }],
      }));
    });
  });

  describe('JSON', () => {
    it('says where the JSON breaks', async () => {
      const answer = await send('{\n  "events": [\n    {"id": "e1",}\n  ]\n}');

      expect(answer).toEqual(refused(400, {
        type: '/problems/invalid-json',
        title: 'Body is not valid JSON',
        detail: 'The body is not valid JSON: Expected double-quoted ' +
          'property name at line 3, column 17. Send one JSON object with ' +
          'an "events" array, encoded as UTF-8.',
      }));
    });

    it('names a byte order mark before the JSON', async () => {
      const answer = await send(`\uFEFF${deliveryOf(follows(1))}`);

      expect(answer).toEqual(refused(400, {
        type: '/problems/invalid-json',
        title: 'Body is not valid JSON',
        detail: 'The body is not valid JSON: it starts with a byte order ' +
          'mark (U+FEFF). Send the JSON as UTF-8 without one, and sign the ' +
          'bytes you send.',
      }));
    });

    it('refuses an empty body', async () => {
      const answer = await send('');

      expect(answer).toEqual(refused(400, {
        type: '/problems/malformed-request',
        title: 'Malformed request',
        detail: 'The body is empty; send a JSON object with an "events" ' +
          'array.',
      }));
    });
  });

  describe('the schema', () => {
    it('lists every violation with its path at once', async () => {
      const { adultA, minorA } = accounts();
      const body = JSON.stringify({ events: [
        {
          ...event('message.sent', adultA, minorA),
          occurredAt: '2026-12-03T11:00:00',
          actor: { id: adultA.id, ageBand: 'adult' },
          target: { ...minorA, region: 'gb' },
          count: 3,
          note: 'hello',
        },
        { id: 'e-2', type: 'follow.created', occurredAt: 'now',
          actor: adultA },
      ] });

      const answer = await send(body);

      expect(answer).toEqual(refused(422, {
        type: '/problems/schema-violation',
        title: 'Events do not match the schema',
        detail: '7 problems in the delivery; nothing was counted. Fix each ' +
          'one listed and send the delivery again.',
        errors: [
          { path: '$.events[0].occurredAt', message: 'occurredAt must be ' +
            'an RFC 3339 date-time with a time zone offset, such as ' +
            '"2026-12-03T11:00:00Z"' },
          { path: '$.events[0].actor.ageBand', message: 'ageBand must be ' +
            'one of under_13, 13_15, 16_17, 18_plus, unknown' },
          { path: '$.events[0].target.region', message: 'region must be an ' +
            'ISO 3166 code such as "GB" or "GB-DBY"' },
          { path: '$.events[0].note',
            message: 'note is not a field Vigil knows; remove it' },
          { path: '$.events[0].count', message: 'count is only allowed on ' +
            'post.viewed events; leave it out' },
          { path: '$.events[1].occurredAt', message: 'occurredAt must be ' +
            'an RFC 3339 date-time with a time zone offset, such as ' +
            '"2026-12-03T11:00:00Z"' },
          { path: '$.events[1].target', message: 'account is required ' +
            '(an object with id and ageBand)' },
        ],
      }));
    });

    it('refuses a body that is not an object', async () => {
      const answer = await send('[]');

      expect(answer).toEqual(refused(422, {
        type: '/problems/schema-violation',
        title: 'Events do not match the schema',
        detail: '1 problem in the delivery; nothing was counted. Fix each ' +
          'one listed and send the delivery again.',
        errors: [{ path: '$', message: 'the body must be a JSON object ' +
          'with an "events" array' }],
      }));
    });

    it('refuses events that are not objects, each at its own path',
      async () => {
        const [follow] = follows(1);
        const body = JSON.stringify({ events: [null, follow, 'x', 5, []] });

        const answer = await send(body);

        const notAnEvent = 'event must be an object with id, type, ' +
          'occurredAt, actor and target';
        expect(answer).toEqual(refused(422, {
          type: '/problems/schema-violation',
          title: 'Events do not match the schema',
          detail: '4 problems in the delivery; nothing was counted. Fix ' +
            'each one listed and send the delivery again.',
          errors: [0, 2, 3, 4].map((i) =>
            ({ path: `$.events[${i}]`, message: notAnEvent })),
        }));
      });

    it.each([
      { count: 0, message: 'events must hold at least one event' },
      { count: 501, message: 'events must hold at most 500 events' },
    ])('refuses a delivery of $count events', async ({ count, message }) => {
      const answer = await send(deliveryOf(follows(count)));

      expect(answer).toEqual(refused(422, {
        type: '/problems/schema-violation',
        title: 'Events do not match the schema',
        detail: '1 problem in the delivery; nothing was counted. Fix each ' +
          'one listed and send the delivery again.',
        errors: [{ path: '$.events', message }],
      }));
    });

    it('writes the path of a field whose name is not plain in brackets',
      async () => {
        const [follow] = follows(1);
        const body = JSON.stringify({ events: [{ ...follow, 'actor.id': 'x' }] });

        const answer = await send(body);

        expect(answer.body).toMatchObject({ errors: [{
          path: "$.events[0]['actor.id']",
          message: 'actor.id is not a field Vigil knows; remove it',
        }] });
      });

    it('calls a number too large to be exact too large, once', async () => {
      const [view] = follows(1);
      const body = JSON.stringify({ events: [{ ...view, type: 'post.viewed',
        count: 1e300, mutualConnections: 2 ** 53 }] });

      const answer = await send(body);

      expect(answer.body).toMatchObject({ errors: [
        { path: '$.events[0].mutualConnections',
          message: 'mutualConnections must be at most 9007199254740991' },
        { path: '$.events[0].count', message: 'count must be at most 10000' },
      ] });
    });

    it('measures ids in bytes of UTF-8, up to 128', async () => {
      const [fits, tooLong] = follows(2);
      const body = deliveryOf([
        { ...fits!, id: 'é'.repeat(64) },
        { ...tooLong!, id: 'é'.repeat(65) },
      ]);

      const answer = await send(body);

      expect(answer.body).toMatchObject({ errors: [{
        path: '$.events[1].id',
        message: 'event id must be at most 128 bytes of UTF-8',
      }] });
    });

    it('refuses events too old or ahead of the clock, listing each',
      async () => {
        const { adultA, adultB } = accounts();
        const timely = event('follow.created', adultA, adultB);
        const body = deliveryOf([
          event('follow.created', adultA, adultB,
            { minutesAgo: 72 * 60 + 1 }),
          timely,
          event('follow.created', adultA, adultB, { minutesAgo: -6 }),
        ]);

        const answer = await send(body);
        const resent = await send(deliveryOf([timely]));

        expect(answer).toEqual(refused(422, {
          type: '/problems/schema-violation',
          title: 'Events do not match the schema',
          detail: '2 events outside the accepted time range; nothing was ' +
            'counted. Each is listed with why; send the others again ' +
            'without them.',
          errors: [
            { path: '$.events[0].occurredAt', message: 'occurredAt is more ' +
              'than 72 hours in the past; Vigil counts events only within ' +
              '72 hours of when they happened' },
            { path: '$.events[2].occurredAt', message: 'occurredAt is more ' +
              'than 5 minutes in the future; check the clock of the ' +
              'sending system' },
          ],
        }));
        expect(resent.body).toEqual({ accepted: 1, duplicates: 0,
          flags: [] });
      });
  });

  describe('retries and duplicates', () => {
    it('counts an id repeated within one delivery once', async () => {
      const [first, second] = follows(2);

      const answer = await send(deliveryOf([first!, first!, second!]));

      expect(answer).toEqual(accepted({ accepted: 2, duplicates: 1,
        flags: [] }));
    });

    it('counts an id seen in an earlier delivery once', async () => {
      const [first, second, third] = follows(3);
      await send(deliveryOf([first!, second!]));

      const answer = await send(deliveryOf([second!, third!]));

      expect(answer).toEqual(accepted({ accepted: 1, duplicates: 1,
        flags: [] }));
    });

    it('counts concurrent identical deliveries once', async () => {
      const body = deliveryOf(follows(3));

      const answers = await Promise.all(
        Array.from({ length: 4 }, () => send(body)));

      const totals = answers.map((answer) => answer.body);
      expect(answers.map((answer) => answer.status))
        .toEqual([200, 200, 200, 200]);
      expect(sum(totals, 'accepted')).toBe(3);
      expect(sum(totals, 'duplicates')).toBe(9);
    });
  });
});

function sum(bodies: unknown[], key: 'accepted' | 'duplicates'): number {
  return bodies.reduce<number>((total, body) => {
    const value: unknown = typeof body === 'object' && body !== null
      ? Reflect.get(body, key) : undefined;
    return total + (typeof value === 'number' ? value : Number.NaN);
  }, 0);
}
