import { httpLambda } from '../shared/http/lambda';
import { createGetFlagHandler } from '../shared/http/review-handlers';
import { observability } from '../shared/runtime/observability';
import { reviewService } from '../shared/runtime/table';

const tools = observability();

/** GET /v1/platforms/{platformId}/flags/{flagId}, behind the JWT authorizer. */
export const handler = httpLambda(createGetFlagHandler({
  review: reviewService(),
  auth: { mode: 'jwt-authorizer' },
  metrics: tools.metrics,
}), tools);
