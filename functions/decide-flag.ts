import { httpLambda } from '../shared/http/lambda';
import { createDecideFlagHandler } from
  '../shared/http/review-decide-handler';
import { observability } from '../shared/runtime/observability';
import { reviewService } from '../shared/runtime/table';

const tools = observability();

/**
 * POST /v1/platforms/{platformId}/flags/{flagId}/decisions, behind the JWT
 * authorizer, whose verified claims name the moderator.
 */
export const handler = httpLambda(createDecideFlagHandler({
  review: reviewService(),
  auth: { mode: 'jwt-authorizer' },
  ...tools,
}), tools);
