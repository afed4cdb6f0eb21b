import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 }
  from 'aws-lambda';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import * as z from 'zod';
import { FLAG_STATUSES } from '../flags/flag';
import { platformIdSchema } from '../platforms/directory';
import { InvalidCursorError, type FlagStore } from '../store/flag-store';
import { json } from './ingest-handler';
import {
  requireModerator,
  requirePlatformAccess,
  type ModeratorAuth,
} from './moderator-auth';
import { issueItems, problem, unknownPlatform } from './problems';

/** One message per parameter for every way it can be wrong: the range. */
const badLimit = { error: 'limit must be a whole number from 1 to 100' };
const badAccountId = { error: 'accountId must be 1 to 128 characters' };

export const listFlagsQuerySchema = z.strictObject({
  status: z.enum(FLAG_STATUSES, {
    error: `status must be one of ${FLAG_STATUSES.join(', ')}`,
  }).optional(),
  accountId: z.string().min(1, badAccountId).max(128, badAccountId)
    .optional(),
  limit: z.coerce.number(badLimit).int(badLimit).min(1, badLimit)
    .max(100, badLimit).default(25),
  cursor: z.string().max(200, {
    error: 'cursor is not one this API returned; start again without it',
  }).optional(),
});

export interface FlagsHandlerDeps {
  flags: Pick<FlagStore, 'list'>;
  auth: ModeratorAuth;
  metrics: Metrics;
}

/** GET /v1/platforms/{platformId}/flags: newest first, filtered, paged. */
export function createListFlagsHandler(deps: FlagsHandlerDeps) {
  return async (
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    requireModerator(event, deps.auth);
    const platformId = platformInPath(event);
    requirePlatformAccess(event, deps.auth, platformId);

    const query = listFlagsQuerySchema.safeParse(
      event.queryStringParameters ?? {});
    if (!query.success) {
      throw problem('invalidQuery', 'Fix the query parameters listed.',
        issueItems(query.error.issues,
          (path) => `query:${path.map(String).join('.')}`,
          (key) => `${key} is not a query parameter Vigil knows; ` +
            'remove it'));
    }

    try {
      const page = await deps.flags.list(platformId, query.data);
      deps.metrics.addMetric('FlagsListed', MetricUnit.Count,
        page.flags.length);
      // An explicit null tells clients this is the last page.
      return json(200, { flags: page.flags,
        nextCursor: page.nextCursor ?? null });
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw problem('invalidQuery', 'Fix the query parameters listed.',
          [{ path: 'query:cursor', message: error.message }]);
      }
      throw error;
    }
  };
}

/**
 * The path's platform id, if it can be one. Whether the platform is
 * registered is not checked: that would need the webhook secrets, which
 * only the ingest function may read, so a platform without flags, known
 * or not, answers an empty page.
 */
function platformInPath(event: APIGatewayProxyEventV2): string {
  const platformId = event.pathParameters?.platformId ?? '';
  if (!platformIdSchema.safeParse(platformId).success) {
    throw unknownPlatform(platformId);
  }
  return platformId;
}
