import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Flag } from '../shared/flags/flag';
import { createListFlagsHandler } from '../shared/http/flags-handler';
import { createIngestHandler } from '../shared/http/ingest-handler';
import { httpLambda } from '../shared/http/lambda';
import { IngestService } from '../shared/ingest/ingest-service';
import type { FlagPort } from '../shared/ingest/ports';
import {
  StaticPlatformDirectory,
  type PlatformSecrets,
} from '../shared/platforms/directory';
import { RuleBook } from '../shared/rules/rule-book';
import { ActivityStore } from '../shared/store/activity-store';
import { createTable } from '../shared/store/create-table';
import { createDocumentClient } from '../shared/store/dynamo-client';
import { FlagStore } from '../shared/store/flag-store';
import { LOCAL_AWS, startDynamoDbLocal } from './dynamodb-local';
import { serveRoutes } from './serve';
import type { Route } from './routes';

export interface LocalVigilOptions {
  platforms: PlatformSecrets;
  moderatorToken: string;
  /** 0 or omitted picks a free port. */
  port?: number;
  host?: string;
  /** Keep the database in this directory instead of in memory. */
  dbPath?: string;
  /** Use an already running DynamoDB (Local) instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  rules?: RuleBook;
  /** The clock events are judged by; simulations move it. */
  now?: () => number;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  onFlag?: (flag: Flag) => void;
}

export interface LocalVigil {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

/**
 * Runs Vigil's Lambda handlers behind a local HTTP server, on DynamoDB
 * Local, exactly as API Gateway would invoke them.
 */
export async function startLocalVigil(
  options: LocalVigilOptions,
): Promise<LocalVigil> {
  const dynamo = options.dynamoEndpoint
    ? { endpoint: options.dynamoEndpoint, stop: async () => undefined }
    : await startDynamoDbLocal({ dbPath: options.dbPath });
  const tableName = options.tableName ?? 'vigil';
  const raw = new DynamoDBClient({ endpoint: dynamo.endpoint, ...LOCAL_AWS });
  await createTable(raw, tableName);
  raw.destroy();

  const client = createDocumentClient({ endpoint: dynamo.endpoint,
    ...LOCAL_AWS });
  const routes = localRoutes(options, client, tableName);
  const server = await serveRoutes(routes, options.port ?? 0,
    options.host ?? '127.0.0.1');
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    dynamoEndpoint: dynamo.endpoint,
    tableName,
    stop: async () => {
      await closeServer(server);
      client.destroy();
      await dynamo.stop();
    },
  };
}

function localRoutes(
  options: LocalVigilOptions,
  client: ReturnType<typeof createDocumentClient>,
  tableName: string,
): Route[] {
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const logger = new Logger({ serviceName: 'vigil',
    logLevel: options.logLevel ?? 'WARN' });
  const metrics = new Metrics({ namespace: 'Vigil', serviceName: 'vigil' });
  const tools = { logger, metrics };
  const platforms = new StaticPlatformDirectory(options.platforms);
  const flagStore = new FlagStore(client, tableName);
  const service = new IngestService({
    activity: new ActivityStore(client, tableName),
    flags: announcing(flagStore, options.onFlag),
    rules: options.rules ?? RuleBook.defaults(),
    now: options.now ?? Date.now,
  });
  const platformPath = '/v1/platforms/{platformId}';

  return [
    {
      method: 'POST',
      routeKey: `POST ${platformPath}/events`,
      functionName: 'vigil-ingest',
      handler: httpLambda(createIngestHandler({ platforms, service, ...tools }),
        tools),
    },
    {
      method: 'GET',
      routeKey: `GET ${platformPath}/flags`,
      functionName: 'vigil-list-flags',
      handler: httpLambda(createListFlagsHandler({ platforms,
        flags: flagStore,
        metrics,
        auth: { mode: 'static-token', token: options.moderatorToken } }),
      tools),
    },
  ];
}

/** Tells the caller about each flag once it is stored. */
function announcing(
  store: FlagStore,
  onFlag: ((flag: Flag) => void) | undefined,
): FlagPort {
  return {
    standing: (...args) => store.standing(...args),
    raise: async (flag, previous) => {
      const raised = await store.raise(flag, previous);
      if (raised) onFlag?.(flag);
      return raised;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
