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
import { jsonPath, problem } from './problems';
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
      throw problem('schemaViolation',
        `${delivery.error.issues.length} problem(s) in the delivery; ` +
        'nothing was counted.',
        delivery.error.issues.map((issue) => ({
          path: jsonPath(issue.path), message: issue.message })));
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
  if (!secrets) {
    throw problem('unknownPlatform',
      `No platform "${platformId}" is registered with this Vigil ` +
      'deployment; check the URL or ask the operator to register it.');
  }
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
        `${error.issues.length} event(s) fall outside the accepted time ` +
        'range; nothing was counted.',
        error.issues.map((issue) => ({ path: jsonPath(issue.path),
          message: issue.message })));
    }
    if (error instanceof ContentionError) {
      throw problem('contention', error.message, [], { 'Retry-After': '1' });
    }
    throw error;
  }
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
