import { createListFlagsHandler } from '../shared/http/flags-handler';
import { httpLambda } from '../shared/http/lambda';
import { observability } from '../shared/runtime/observability';
import { tableAdapters } from '../shared/runtime/table';

const tools = observability();

/** GET /v1/platforms/{platformId}/flags, behind the JWT authorizer. */
export const handler = httpLambda(createListFlagsHandler({
  flags: tableAdapters().flags,
  auth: { mode: 'jwt-authorizer' },
  metrics: tools.metrics,
}), tools);
