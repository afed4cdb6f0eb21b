import { createIngestHandler } from '../shared/http/ingest-handler';
import { httpLambda } from '../shared/http/lambda';
import {
  ingestService,
  observability,
  platformDirectory,
} from '../shared/runtime/aws';

const tools = observability();

/** POST /v1/platforms/{platformId}/events */
export const handler = httpLambda(createIngestHandler({
  platforms: platformDirectory(),
  service: ingestService(),
  ...tools,
}), tools);
