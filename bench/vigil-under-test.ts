import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
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

/** The clock the service judges events by, moved along by the sender. */
export class SimulatedClock {
  #nowMs = 0;

  now = (): number => this.#nowMs;

  /** Moves the clock forward to `ms`; it never goes back. */
  advanceTo(ms: number): void {
    this.#nowMs = Math.max(this.#nowMs, ms);
  }
}

export interface VigilUnderTest {
  url: string;
  meter: CapacityMeter;
  clock: SimulatedClock;
  stop(): Promise<void>;
}

/**
 * Serves the ingest route over HTTP the way local mode does (same middy
 * handler, same API Gateway event shape), but on a client whose every
 * DynamoDB request is metered, and on a clock the benchmark controls.
 */
export async function startVigil(
  endpoint: string,
  tableName: string,
): Promise<VigilUnderTest> {
  const client = documentClient(endpoint);
  const meter = new CapacityMeter();
  meter.attach(client);
  const clock = new SimulatedClock();
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const logger = new Logger({ serviceName: 'vigil', logLevel: 'WARN' });
  const metrics = new Metrics({ namespace: 'Vigil', serviceName: 'vigil' });
  const service = new IngestService({
    activity: new ActivityStore(client, tableName),
    flags: new FlagStore(client, tableName),
    rules: RuleBook.defaults(),
    now: clock.now,
  });
  const platforms = new StaticPlatformDirectory({
    [BENCH_PLATFORM.id]: [BENCH_PLATFORM.secret],
  });
  const handler = httpLambda(createIngestHandler({ platforms, service, logger,
    metrics }), { logger, metrics });

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
    clock,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      client.destroy();
    },
  };
}
