import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Flag } from '../shared/flags/flag';
import { createListFlagsHandler } from '../shared/http/flags-handler';
import { createIngestHandler } from '../shared/http/ingest-handler';
import { httpLambda } from '../shared/http/lambda';
import type { ModeratorAuth } from '../shared/http/moderator-auth';
import { createDecideFlagHandler } from
  '../shared/http/review-decide-handler';
import {
  createFlagEvidenceHandler,
  createGetFlagHandler,
} from '../shared/http/review-handlers';
import { IngestService } from '../shared/ingest/ingest-service';
import { TableCheckpoints } from '../shared/outbox/checkpoints';
import { InboxPublisher } from '../shared/outbox/inbox-publisher';
import { oncePerFlag } from '../shared/outbox/once-per-flag';
import type { FlagPublisher } from '../shared/outbox/ports';
import { StreamPoller } from '../shared/outbox/stream-poller';
import { latestStreamArn } from '../shared/outbox/table-stream';
import {
  StaticPlatformDirectory,
  type PlatformSecrets,
} from '../shared/platforms/directory';
import { CountedEvents } from '../shared/review/counted-events';
import { ReviewService } from '../shared/review/review-service';
import { RuleBook } from '../shared/rules/rule-book';
import { ActivityStore } from '../shared/store/activity-store';
import { createTable } from '../shared/store/create-table';
import { createDocumentClient } from '../shared/store/dynamo-client';
import { FlagStore } from '../shared/store/flag-store';
import { ReviewStore } from '../shared/store/review-store';
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
  /** Append each new flag to this file as one JSON line (the inbox). */
  inboxFile?: string;
  /**
   * Called once per raised flag by the outbox, as a moderator's queue would
   * receive it: after the flag is stored, within about a quarter of a
   * second, not before the ingest request has answered.
   */
  onFlag?: (flag: Flag) => void;
}

export interface LocalVigil {
  url: string;
  dynamoEndpoint: string;
  tableName: string;
  stop(): Promise<void>;
}

type Tools = { logger: Logger; metrics: Metrics };
type DocumentClient = ReturnType<typeof createDocumentClient>;

/**
 * Runs Vigil's Lambda handlers behind a local HTTP server, on DynamoDB
 * Local, exactly as API Gateway would invoke them, and the table stream's
 * publisher as a poller writing to a moderator inbox.
 */
export async function startLocalVigil(
  options: LocalVigilOptions,
): Promise<LocalVigil> {
  // Released newest first, on stop and when a start fails part-way, so
  // that a port already in use leaves no DynamoDB Local running.
  const releases: Release[] = [];
  const stop = async () => {
    for (const release of releases.splice(0).reverse()) await release();
  };

  try {
    return { ...(await acquire(options, releases)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

type Release = () => Promise<void> | void;

/** Starts each part of local Vigil, noting how to release it. */
async function acquire(
  options: LocalVigilOptions,
  releases: Release[],
): Promise<Omit<LocalVigil, 'stop'>> {
  const dynamo = options.dynamoEndpoint
    ? { endpoint: options.dynamoEndpoint, stop: async () => undefined }
    : await startDynamoDbLocal({ dbPath: options.dbPath });
  releases.push(() => dynamo.stop());
  const tableName = options.tableName ?? 'vigil';
  const streamArn = await prepareTable(dynamo.endpoint, tableName);

  const tools = localTools(options);
  const client = createDocumentClient({ endpoint: dynamo.endpoint,
    ...LOCAL_AWS });
  releases.push(() => client.destroy());
  const streams = new DynamoDBStreamsClient({ endpoint: dynamo.endpoint,
    ...LOCAL_AWS });
  releases.push(() => streams.destroy());
  const inbox = options.inboxFile
    ? await InboxPublisher.open(options.inboxFile) : undefined;
  const poller = new StreamPoller({
    streams,
    streamArn,
    publisher: localPublisher(inbox, options.onFlag, tools.logger),
    checkpoints: new TableCheckpoints(client, tableName),
    logger: tools.logger,
  });
  poller.start();
  releases.push(() => poller.stop());

  const server = await serveRoutes(localRoutes(options, client, tableName,
    tools), options.port ?? 0, options.host ?? '127.0.0.1');
  releases.push(() => closeServer(server));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, dynamoEndpoint: dynamo.endpoint,
    tableName };
}

/** Creates the table if need be; returns the ARN of its stream. */
async function prepareTable(
  endpoint: string,
  tableName: string,
): Promise<string> {
  const raw = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  try {
    await createTable(raw, tableName);
    return await latestStreamArn(raw, tableName);
  } finally {
    raw.destroy();
  }
}

function localTools(options: LocalVigilOptions): Tools {
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  return {
    logger: new Logger({ serviceName: 'vigil',
      logLevel: options.logLevel ?? 'WARN' }),
    metrics: new Metrics({ namespace: 'Vigil', serviceName: 'vigil' }),
  };
}

/**
 * Where the outbox delivers locally: the inbox file, then the caller's
 * callback. A callback that throws is logged and does not hold up the
 * outbox, as one broken subscriber does not hold up SNS.
 */
function localPublisher(
  inbox: InboxPublisher | undefined,
  onFlag: ((flag: Flag) => void) | undefined,
  logger: Logger,
): FlagPublisher {
  const notify = onFlag ? oncePerFlag(onFlag) : undefined;
  return {
    publish: async (flag) => {
      await inbox?.publish(flag);
      try {
        notify?.(flag);
      } catch (error) {
        logger.error('onFlag callback failed', { flagId: flag.flagId, error });
      }
    },
  };
}

function localRoutes(
  options: LocalVigilOptions,
  client: DocumentClient,
  tableName: string,
  tools: Tools,
): Route[] {
  const platforms = new StaticPlatformDirectory(options.platforms);
  const activity = new ActivityStore(client, tableName);
  const flagStore = new FlagStore(client, tableName);
  const now = options.now ?? Date.now;
  const service = new IngestService({ activity, flags: flagStore,
    rules: options.rules ?? RuleBook.defaults(), now });
  const review = new ReviewService({
    store: new ReviewStore(client, tableName),
    evidence: new CountedEvents(activity),
    now,
  });
  const auth: ModeratorAuth = { mode: 'static-token',
    token: options.moderatorToken };
  const route = (method: string, path: string, functionName: string,
    handler: Parameters<typeof httpLambda>[0]): Route => ({
    method,
    routeKey: `${method} /v1/platforms/{platformId}${path}`,
    functionName,
    handler: httpLambda(handler, tools),
  });

  return [
    route('POST', '/events', 'vigil-ingest',
      createIngestHandler({ platforms, service, ...tools })),
    route('GET', '/flags', 'vigil-list-flags', createListFlagsHandler({
      flags: flagStore, metrics: tools.metrics, auth })),
    route('GET', '/flags/{flagId}', 'vigil-get-flag',
      createGetFlagHandler({ review, auth,
        metrics: tools.metrics })),
    route('POST', '/flags/{flagId}/decisions', 'vigil-decide-flag',
      createDecideFlagHandler({ review, auth, ...tools })),
    route('GET', '/flags/{flagId}/evidence', 'vigil-flag-evidence',
      createFlagEvidenceHandler({ review, auth,
        metrics: tools.metrics })),
  ];
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
