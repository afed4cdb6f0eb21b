import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 }
  from 'aws-lambda';
import { reviewPaths } from '../flags/paths';
import type { ReviewService } from '../review/review-service';
import { json } from './ingest-handler';
import {
  requireModerator,
  requirePlatformAccess,
  type ModeratorAuth,
} from './moderator-auth';
import { flagInPath, reviewing } from './review-request';

type HttpHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** GET .../flags/{flagId}: the flag, its evidence and its decision trail. */
export function createGetFlagHandler(deps: {
  review: Pick<ReviewService, 'view'>;
  auth: ModeratorAuth;
  metrics: Metrics;
}): HttpHandler {
  return async (event) => {
    requireModerator(event, deps.auth);
    const { platformId, flagId } = flagInPath(event);
    requirePlatformAccess(event, deps.auth, platformId);

    const review = await reviewing(() => deps.review.view(platformId, flagId));
    deps.metrics.addMetric('FlagsViewed', MetricUnit.Count, 1);
    return json(200, { ...review, links: reviewPaths(platformId, flagId) });
  };
}

/** GET .../flags/{flagId}/evidence: the referral bundle of an escalation. */
export function createFlagEvidenceHandler(deps: {
  review: Pick<ReviewService, 'evidenceBundle'>;
  auth: ModeratorAuth;
  metrics: Metrics;
}): HttpHandler {
  return async (event) => {
    requireModerator(event, deps.auth);
    const { platformId, flagId } = flagInPath(event);
    requirePlatformAccess(event, deps.auth, platformId);

    const bundle = await reviewing(() =>
      deps.review.evidenceBundle(platformId, flagId));
    // Each export of evidence about children is worth counting.
    deps.metrics.addMetric('EvidenceBundlesExported', MetricUnit.Count, 1);
    return json(200, bundle);
  };
}
