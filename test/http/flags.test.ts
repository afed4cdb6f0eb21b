import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  inject,
  it,
  vi,
} from 'vitest';
import * as z from 'zod';
import { startLocalVigil, type LocalVigil } from '../../local/app';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { flagSchema } from '../../shared/flags/flag';
import { createListFlagsHandler } from '../../shared/http/flags-handler';
import { httpLambda } from '../../shared/http/lambda';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { FlagStore } from '../../shared/store/flag-store';
import { NOW, adult, event, minor } from '../support/events';
import {
  answerOf,
  deliveryOf,
  newSecret,
  refused,
  signatureHeaders,
  type Answer,
} from './client';
import { invoke } from './gateway';

const TOKEN = 'moderator-token-for-tests';
const SECRET = newSecret();
const OTHER_SECRET = newSecret();

const pageSchema = z.strictObject({
  flags: z.array(flagSchema),
  nextCursor: z.string().nullable(),
});

let vigil: LocalVigil;
/** Flagged accounts, newest flag first. */
const suspects = ['s3', 's2', 's1'].map((name) =>
  `${name}-${randomUUID().slice(0, 8)}`);

beforeAll(async () => {
  vigil = await startLocalVigil({
    platforms: { acme: [SECRET], globex: [OTHER_SECRET] },
    moderatorToken: TOKEN,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `vigil-http-flags-${randomUUID()}`,
    port: 0,
    now: () => NOW,
  });
  // Two minors blocking an adult raise a flag at the second block's time.
  for (const [index, suspect] of [...suspects].reverse().entries()) {
    await ingest('acme', SECRET, blockedTwice(suspect, 30 - index * 10));
  }
  await ingest('globex', OTHER_SECRET, blockedTwice('elsewhere', 5));
});

afterAll(async () => {
  await vigil.stop();
});

function blockedTwice(accountId: string, minutesAgo: number) {
  const suspect = adult(accountId);
  return [
    event('block.created', minor(`${accountId}-m1`), suspect,
      { minutesAgo: minutesAgo + 1 }),
    event('block.created', minor(`${accountId}-m2`), suspect,
      { minutesAgo }),
  ];
}

async function ingest(
  platformId: string,
  secret: string,
  events: ReturnType<typeof blockedTwice>,
): Promise<void> {
  const body = deliveryOf(events);
  const response = await fetch(
    `${vigil.url}/v1/platforms/${platformId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json',
        ...signatureHeaders(body, { secret }) },
      body,
    });
  expect(response.status).toBe(200);
}

function listing(query = '', platformId = 'acme') {
  return `${vigil.url}/v1/platforms/${platformId}/flags${query}`;
}

async function list(
  query = '',
  { token = TOKEN, platformId = 'acme' } = {},
): Promise<Answer> {
  const response = await fetch(listing(query, platformId),
    { headers: { authorization: `Bearer ${token}` } });
  return answerOf(response);
}

/** The page in an answer, failing the test if it is not one. */
function pageOf(answer: Answer) {
  expect(answer).toMatchObject({ status: 200,
    contentType: 'application/json' });
  return pageSchema.parse(answer.body);
}

const INVALID_QUERY = {
  type: '/problems/invalid-query',
  title: 'Invalid query parameters',
  detail: 'Fix the query parameters listed.',
};

describe('GET /v1/platforms/{platformId}/flags', () => {
  describe('listing', () => {
    it('lists the platform\'s flags newest first', async () => {
      const page = pageOf(await list());

      expect(page.flags.map((flag) => flag.accountId)).toEqual(suspects);
      expect(page.flags.map((flag) => flag.platformId))
        .toEqual(['acme', 'acme', 'acme']);
      expect(page.nextCursor).toBeNull();
    });

    it('pages with nextCursor until it is null', async () => {
      const first = pageOf(await list('?limit=2'));
      const second = pageOf(await list(
        `?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`));

      expect(first.flags.map((flag) => flag.accountId))
        .toEqual(suspects.slice(0, 2));
      expect(first.nextCursor).toEqual(expect.any(String));
      expect(second.flags.map((flag) => flag.accountId))
        .toEqual(suspects.slice(2));
      expect(second.nextCursor).toBeNull();
    });

    it('filters by account', async () => {
      const page = pageOf(await list(`?accountId=${suspects[1]}`));

      expect(page.flags.map((flag) => flag.accountId))
        .toEqual([suspects[1]]);
    });

    it('filters by status', async () => {
      const open = pageOf(await list('?status=open'));
      const dismissed = pageOf(await list('?status=dismissed'));

      expect(open.flags).toHaveLength(3);
      expect(dismissed).toEqual({ flags: [], nextCursor: null });
    });
  });

  describe('moderator credentials', () => {
    it('refuses a request without a bearer token', async () => {
      const response = await fetch(listing());

      expect(response.headers.get('www-authenticate'))
        .toBe('Bearer realm="vigil-moderators"');
      expect(await answerOf(response)).toEqual(refused(401, {
        type: '/problems/unauthenticated',
        title: 'Moderator credentials missing or invalid',
        detail: 'Moderator access refused: send "Authorization: Bearer ' +
          '<moderator token>".',
      }));
    });

    it('refuses a wrong bearer token', async () => {
      const answer = await list('', { token: `${TOKEN}-guess` });

      expect(answer).toEqual(refused(401, {
        type: '/problems/unauthenticated',
        title: 'Moderator credentials missing or invalid',
        detail: 'Moderator access refused: the bearer token is not valid.',
      }));
    });

    it('checks credentials before the platform id', async () => {
      const response = await fetch(listing('', 'No-Such-Platform'));

      expect(response.status).toBe(401);
    });
  });

  describe('the platform in the path', () => {
    it('answers an empty page for a platform that has no flags', async () => {
      const page = pageOf(await list('', { platformId: 'initech' }));

      expect(page).toEqual({ flags: [], nextCursor: null });
    });

    it('refuses an id that cannot be a platform id, saying what one is',
      async () => {
        const answer = await list('', { platformId: 'Initech' });

        expect(answer).toEqual(refused(404, {
          type: '/problems/unknown-platform',
          title: 'Unknown platform',
          detail: 'No platform "Initech" is registered with this Vigil ' +
            'deployment; platform id must be 1 to 63 lower-case letters, ' +
            'digits or hyphens, starting with a letter or digit; check ' +
            'the URL.',
        }));
      });
  });

  describe('query parameters', () => {
    it('lists every bad parameter at once', async () => {
      const answer = await list('?limit=abc&status=closed&sort=newest');

      expect(answer).toEqual(refused(400, { ...INVALID_QUERY, errors: [
        { path: 'query:status', message: 'status must be one of open, ' +
          'dismissed, actioned, escalated' },
        { path: 'query:limit',
          message: 'limit must be a whole number from 1 to 100' },
        { path: 'query:sort',
          message: 'sort is not a query parameter Vigil knows; remove it' },
      ] }));
    });

    it.each(['0', '101', '2.5', ''])('refuses the limit %j', async (limit) => {
      const answer = await list(`?limit=${limit}`);

      expect(answer).toEqual(refused(400, { ...INVALID_QUERY, errors: [{
        path: 'query:limit',
        message: 'limit must be a whole number from 1 to 100',
      }] }));
    });

    it('refuses a cursor it did not hand out', async () => {
      const answer = await list('?cursor=bm90LWEtY3Vyc29y');

      expect(answer).toEqual(refused(400, { ...INVALID_QUERY, errors: [{
        path: 'query:cursor',
        message: 'cursor is not one this API returned; start again ' +
          'without it',
      }] }));
    });
  });

  it('answers a generic 500 when DynamoDB fails, logging why', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const client = createDocumentClient({
      endpoint: inject('dynamoEndpoint'), ...LOCAL_AWS });
    const logger = new Logger({ serviceName: 'vigil', logLevel: 'SILENT' });
    const metrics = new Metrics({ namespace: 'Vigil', serviceName: 'vigil' });
    const logged = vi.spyOn(logger, 'error');
    const lambda = httpLambda(createListFlagsHandler({
      flags: new FlagStore(client, 'no-such-table'),
      auth: { mode: 'static-token', token: TOKEN },
      metrics,
    }), { logger, metrics });

    const { answer } = await invoke(lambda, {
      routeKey: 'GET /v1/platforms/{platformId}/flags',
      path: '/v1/platforms/acme/flags',
      platformId: 'acme',
      headers: { authorization: `Bearer ${TOKEN}` },
    });

    client.destroy();
    vi.unstubAllEnvs();
    expect(answer).toEqual(refused(500, {
      type: '/problems/internal-error',
      title: 'Internal error',
      detail: 'Vigil could not complete the request because of a fault on ' +
        'its side. Retry it later; retrying is safe: events already ' +
        'counted are not counted again.',
    }));
    expect(logged).toHaveBeenCalledWith('request failed', { error:
      expect.objectContaining({ name: 'ResourceNotFoundException' }) });
  });
});
