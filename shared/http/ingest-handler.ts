import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 }
  from 'aws-lambda';
import { deliverySchema, LIMITS } from '../events/schema';
import { ContentionError } from '../ingest/counting';
import {
  UntimelyEventsError,
  type IngestService,
} from '../ingest/ingest-service';
import type { PlatformDirectory } from '../platforms/directory';
import { platformIdSchema } from '../platforms/directory';
import { issueItems, jsonPath, problem, unknownPlatform } from './problems';
import { headersOf, parseJson, rawBody, requireJson } from './request';
import { verifySignature } from './signature';

export interface IngestHandlerDeps {
  platforms: PlatformDirectory;
  service: IngestService;
  logger: Logger;
  metrics: Metrics;
}

/**
 * POST /v1/platforms/{platformId}/events. Checks run cheapest and most
 * fundamental first: who, how big, what type, signed, JSON, then schema.
 */
export function createIngestHandler(deps: IngestHandlerDeps) {
  return async (
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const platformId = event.pathParameters?.platformId ?? '';
    const secrets = await secretsOf(deps.platforms, platformId);

    const body = rawBody(event, LIMITS.maxBodyBytes);
    const headers = headersOf(event);
    requireJson(headers);
    verifySignature(body, headers, secrets);

    const delivery = deliverySchema.safeParse(parseJson(body));
    if (!delivery.success) {
      const items = issueItems(delivery.error.issues, jsonPath);
      throw problem('schemaViolation',
        `${counted(items.length, 'problem')} in the delivery; nothing was ` +
        'counted. Fix each one listed and send the delivery again.', items);
    }

    const result = await ingest(deps.service, platformId,
      delivery.data.events);
    deps.metrics.addMetric('EventsAccepted', MetricUnit.Count,
      result.accepted);
    deps.metrics.addMetric('EventsDuplicate', MetricUnit.Count,
      result.duplicates);
    deps.metrics.addMetric('FlagsRaised', MetricUnit.Count,
      result.flags.length);
    deps.logger.info('delivery counted', {
      platformId,
      accepted: result.accepted,
      duplicates: result.duplicates,
      flagsRaised: result.flags.length,
    });

    return json(200, {
      accepted: result.accepted,
      duplicates: result.duplicates,
      flags: result.flags.map((flag) => flag.flagId),
    });
  };
}

async function secretsOf(
  platforms: PlatformDirectory,
  platformId: string,
): Promise<readonly string[]> {
  const secrets = platformIdSchema.safeParse(platformId).success
    ? await platforms.secretsFor(platformId) : undefined;
  if (!secrets) throw unknownPlatform(platformId);
  return secrets;
}

async function ingest(
  service: IngestService,
  platformId: string,
  events: Parameters<IngestService['ingest']>[1],
) {
  try {
    return await service.ingest(platformId, events);
  } catch (error) {
    if (error instanceof UntimelyEventsError) {
      throw problem('schemaViolation',
        `${counted(error.issues.length, 'event')} outside the accepted ` +
        'time range; nothing was counted. Each is listed with why; send the ' +
        'others again without them.',
        error.issues.map((issue) => ({ path: jsonPath(issue.path),
          message: issue.message })));
    }
    if (error instanceof ContentionError) {
      throw problem('contention', 'Other requests kept changing the same ' +
        'accounts at the same moment. Retry the delivery after the ' +
        'Retry-After delay; events already counted are reported as ' +
        'duplicates.', [], { 'Retry-After': '1' });
    }
    throw error;
  }
}

/** "1 event", "3 events". */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

export function json(
  statusCode: number,
  body: unknown,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}
