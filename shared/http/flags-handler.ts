import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 }
  from 'aws-lambda';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { z } from 'zod';
import { FLAG_STATUSES } from '../flags/flag';
import type { PlatformDirectory } from '../platforms/directory';
import { platformIdSchema } from '../platforms/directory';
import { InvalidCursorError, type FlagStore } from '../store/flag-store';
import { json } from './ingest-handler';
import { requireModerator, type ModeratorAuth } from './moderator-auth';
import { jsonPath, problem } from './problems';

export const listFlagsQuerySchema = z.strictObject({
  status: z.enum(FLAG_STATUSES).optional(),
  accountId: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).optional(),
});

export interface FlagsHandlerDeps {
  platforms: PlatformDirectory;
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
    const platformId = await knownPlatform(deps.platforms, event);

    const query = listFlagsQuerySchema.safeParse(
      event.queryStringParameters ?? {});
    if (!query.success) {
      throw problem('invalidQuery', 'Fix the query parameters listed.',
        query.error.issues.map((issue) => ({
          path: `query:${jsonPath(issue.path).slice(2) || '(all)'}`,
          message: issue.message })));
    }

    try {
      const page = await deps.flags.list(platformId, query.data);
      deps.metrics.addMetric('FlagsListed', MetricUnit.Count,
        page.flags.length);
      return json(200, page);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw problem('invalidQuery', error.message,
          [{ path: 'query:cursor', message: error.message }]);
      }
      throw error;
    }
  };
}

/** The path's platform id, if this deployment knows that platform. */
export async function knownPlatform(
  platforms: PlatformDirectory,
  event: APIGatewayProxyEventV2,
): Promise<string> {
  const platformId = event.pathParameters?.platformId ?? '';
  const known = platformIdSchema.safeParse(platformId).success &&
    (await platforms.secretsFor(platformId)) !== undefined;
  if (!known) {
    throw problem('unknownPlatform',
      `No platform "${platformId}" is registered with this Vigil deployment.`);
  }
  return platformId;
}
