import { AsyncLocalStorage } from 'node:async_hooks';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { LambdaHttpHandler } from '../local/api-gateway';
import { serveRoutes } from '../local/serve';
import { createIngestHandler } from '../shared/http/ingest-handler';
import { httpLambda } from '../shared/http/lambda';
import { IngestService } from '../shared/ingest/ingest-service';
import { StaticPlatformDirectory } from '../shared/platforms/directory';
import { RuleBook } from '../shared/rules/rule-book';
import { ActivityStore } from '../shared/store/activity-store';
import { FlagStore } from '../shared/store/flag-store';
import { CapacityMeter } from './meter';
import { documentClient } from './tables';

/** The platform the benchmark sends as, and its signing secret. */
export const BENCH_PLATFORM = {
  id: 'bench',
  secret: 'whsec_dmlnaWwtYmVuY2htYXJrLXNpZ25pbmcta2V5IQ==',
} as const;

/**
 * The header by which the benchmark tells the service what time it is for
 * one delivery: the time of its latest event, as if the platform sent it
 * at once. Several deliveries are in flight at a time, and in a sparse
 * workload they can lie days apart, more than one shared clock could serve.
 */
export const CLOCK_HEADER = 'x-bench-now';

const deliveryTime = new AsyncLocalStorage<number>();

export interface VigilUnderTest {
  url: string;
  meter: CapacityMeter;
  stop(): Promise<void>;
}

/**
 * Serves the ingest route over HTTP the way local mode does (same middy
 * handler, same API Gateway event shape), but on a client whose every
 * DynamoDB request is metered, and on the simulated time each delivery
 * carries in CLOCK_HEADER.
 */
export async function startVigil(
  endpoint: string,
  tableName: string,
): Promise<VigilUnderTest> {
  const client = documentClient(endpoint);
  const meter = new CapacityMeter();
  meter.attach(client);
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const logger = new Logger({ serviceName: 'vigil', logLevel: 'WARN' });
  const metrics = new Metrics({ namespace: 'Vigil', serviceName: 'vigil' });
  const service = new IngestService({
    activity: new ActivityStore(client, tableName),
    flags: new FlagStore(client, tableName),
    rules: RuleBook.defaults(),
    now: () => deliveryTime.getStore() ?? Date.now(),
  });
  const platforms = new StaticPlatformDirectory({
    [BENCH_PLATFORM.id]: [BENCH_PLATFORM.secret],
  });
  const lambda = httpLambda(createIngestHandler({ platforms, service, logger,
    metrics }), { logger, metrics });
  const handler: LambdaHttpHandler = (event, context) => deliveryTime.run(
    Number(event.headers?.[CLOCK_HEADER] ?? Date.now()),
    () => lambda(event, context));

  const server = await serveRoutes([{
    method: 'POST',
    routeKey: 'POST /v1/platforms/{platformId}/events',
    functionName: 'vigil-ingest',
    handler,
  }], 0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1/platforms/${BENCH_PLATFORM.id}/events`,
    meter,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      client.destroy();
    },
  };
}
