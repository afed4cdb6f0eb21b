import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from 'vitest';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { LIMITS } from '../../shared/events/schema';
import { createIngestHandler } from '../../shared/http/ingest-handler';
import { httpLambda } from '../../shared/http/lambda';
import { IngestService } from '../../shared/ingest/ingest-service';
import { StaticPlatformDirectory } from '../../shared/platforms/directory';
import { RuleBook } from '../../shared/rules/rule-book';
import { ActivityStore } from '../../shared/store/activity-store';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { FlagStore } from '../../shared/store/flag-store';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event } from '../support/events';
import { deliveryOf, newSecret, refused, signatureHeaders } from './client';
import { invoke } from './gateway';

const SECRET = newSecret();

const TOO_LARGE = refused(413, {
  type: '/problems/payload-too-large',
  title: 'Body too large',
  detail: 'The body must be at most 1048576 bytes; split the events into ' +
    'several deliveries.',
});

const SERVER_FAULT = refused(500, {
  type: '/problems/internal-error',
  title: 'Internal error',
  detail: 'Vigil could not complete the request because of a fault on its ' +
    'side. Retry it later; retrying is safe: events already counted are ' +
    'not counted again.',
});

/** A store that always loses the race for an event, as under contention. */
class OutracedActivityStore extends ActivityStore {
  override async applyEvents(
    _platformId: string,
    writes: readonly unknown[],
  ): Promise<'conflict'[]> {
    return writes.map(() => 'conflict');
  }
}

let table: TestTable;

beforeAll(async () => {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  table = await freshTable();
});

afterAll(() => {
  table.client.destroy();
  vi.unstubAllEnvs();
});

/** The ingest function as deployed, counting on the given store. */
function ingestLambda(
  activity = new ActivityStore(table.client, table.tableName),
) {
  const logger = new Logger({ serviceName: 'vigil', logLevel: 'SILENT' });
  const metrics = new Metrics({ namespace: 'Vigil', serviceName: 'vigil' });
  const service = new IngestService({
    activity,
    flags: new FlagStore(table.client, table.tableName),
    rules: RuleBook.defaults(),
    now: () => NOW,
  });
  const handler = createIngestHandler({
    platforms: new StaticPlatformDirectory({ acme: [SECRET] }),
    service, logger, metrics,
  });
  return { logger, lambda: httpLambda(handler, { logger, metrics }) };
}

/** A delivery as API Gateway passes it on: signed, and maybe base64. */
function delivery(body: Buffer, options: { base64: boolean;
  signed?: string | Buffer }) {
  return {
    routeKey: 'POST /v1/platforms/{platformId}/events',
    path: '/v1/platforms/acme/events',
    platformId: 'acme',
    headers: { 'content-type': 'application/json',
      ...signatureHeaders(options.signed ?? body, { secret: SECRET }) },
    body: body.toString(options.base64 ? 'base64' : 'utf8'),
    isBase64Encoded: options.base64,
  };
}

/** A JSON delivery of new follows, padded with spaces to `bytes`. */
function follows(count: number, bytes = 0): Buffer {
  const [a, b] = [adult(`a-${randomUUID()}`), adult(`b-${randomUUID()}`)];
  const events = Array.from({ length: count },
    () => event('follow.created', a, b));
  return Buffer.from(deliveryOf(events).padEnd(bytes));
}

describe('the ingest function invoked by API Gateway', () => {
  describe('a base64-encoded body', () => {
    it('is verified and read as its decoded bytes', async () => {
      const { lambda } = ingestLambda();

      const { answer } = await invoke(lambda,
        delivery(follows(2), { base64: true }));

      expect(answer).toEqual({ status: 200, contentType: 'application/json',
        body: { accepted: 2, duplicates: 0, flags: [] } });
    });

    it('fails verification if the base64 text itself was signed',
      async () => {
        const { lambda } = ingestLambda();
        const body = follows(1);

        const { answer } = await invoke(lambda, delivery(body,
          { base64: true, signed: body.toString('base64') }));

        expect(answer).toMatchObject({ status: 401,
          body: { type: '/problems/invalid-signature' } });
      });

    it('says so when its signed bytes are not UTF-8', async () => {
      const { lambda } = ingestLambda();
      const json = follows(1);
      const body = Buffer.concat([json.subarray(0, 20), Buffer.from([0xff]),
        json.subarray(20)]);

      const { answer } = await invoke(lambda,
        delivery(body, { base64: true }));

      expect(answer).toEqual(refused(400, {
        type: '/problems/invalid-json',
        title: 'Body is not valid JSON',
        detail: 'The body is not valid UTF-8. Encode the JSON as UTF-8 and ' +
          'sign the bytes you send.',
      }));
    });

    it('is accepted when it decodes to exactly 1 MiB', async () => {
      const { lambda } = ingestLambda();

      const { answer } = await invoke(lambda,
        delivery(follows(1, LIMITS.maxBodyBytes), { base64: true }));

      expect(answer.status).toBe(200);
    });
  });

  it.each([{ base64: false }, { base64: true }])(
    'refuses a body one byte over 1 MiB (base64: $base64)',
    async ({ base64 }) => {
      const { lambda } = ingestLambda();

      const { answer } = await invoke(lambda,
        delivery(follows(1, LIMITS.maxBodyBytes + 1), { base64 }));

      expect(answer).toEqual(TOO_LARGE);
    });

  describe('a fault on our side', () => {
    it('answers a generic 500 when the table is missing, logging why',
      async () => {
        const { lambda, logger } = ingestLambda(
          new ActivityStore(table.client, 'no-such-table'));
        const logged = vi.spyOn(logger, 'error');

        const { answer } = await invoke(lambda,
          delivery(follows(1), { base64: false }));

        expect(answer).toEqual(SERVER_FAULT);
        expect(logged).toHaveBeenCalledWith('request failed', { error:
          expect.objectContaining({ name: 'ResourceNotFoundException' }) });
      });

    it('answers a generic 500 when DynamoDB cannot be reached', async () => {
      const unreachable = createDocumentClient({
        endpoint: 'http://127.0.0.1:1', maxAttempts: 1, ...LOCAL_AWS });
      const { lambda } = ingestLambda(
        new ActivityStore(unreachable, table.tableName));

      const { answer } = await invoke(lambda,
        delivery(follows(1), { base64: false }));

      unreachable.destroy();
      expect(answer).toEqual(SERVER_FAULT);
    });

    it('answers 503 with Retry-After when an event keeps losing races',
      async () => {
        const { lambda, logger } = ingestLambda(
          new OutracedActivityStore(table.client, table.tableName));
        const [warned, failed] = [vi.spyOn(logger, 'warn'),
          vi.spyOn(logger, 'error')];

        const { answer, headers } = await invoke(lambda,
          delivery(follows(1), { base64: false }));

        // Expected under load, so a warning without a stack, not an error.
        expect(warned).toHaveBeenCalledWith('request deferred',
          { status: 503 });
        expect(failed).not.toHaveBeenCalled();

        expect(answer).toEqual(refused(503, {
          type: '/problems/contention',
          title: 'Busy, retry shortly',
          detail: 'Other requests kept changing the same accounts at the ' +
            'same moment. Retry the delivery after the Retry-After delay; ' +
            'events already counted are reported as duplicates.',
        }));
        expect(headers).toMatchObject({ 'Retry-After': '1' });
      });
  });
});
