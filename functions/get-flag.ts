import { httpLambda } from '../shared/http/lambda';
import { createGetFlagHandler } from '../shared/http/review-handlers';
import { observability, reviewService } from '../shared/runtime/aws';

const tools = observability();

/** GET /v1/platforms/{platformId}/flags/{flagId}, behind the JWT authorizer. */
export const handler = httpLambda(createGetFlagHandler({
  review: reviewService(),
  auth: { mode: 'jwt-authorizer' },
  metrics: tools.metrics,
}), tools);
