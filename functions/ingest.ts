import { createIngestHandler } from '../shared/http/ingest-handler';
import { httpLambda } from '../shared/http/lambda';
import { observability } from '../shared/runtime/observability';
import { platformDirectory } from '../shared/runtime/platforms';
import { ingestService } from '../shared/runtime/table';

const tools = observability();

/** POST /v1/platforms/{platformId}/events */
export const handler = httpLambda(createIngestHandler({
  platforms: platformDirectory(),
  service: ingestService(),
  ...tools,
}), tools);
