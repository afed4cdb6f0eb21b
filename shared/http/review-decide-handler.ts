import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 }
  from 'aws-lambda';
import { reviewPaths } from '../flags/paths';
import { decisionSchema, type Decision } from '../review/decision';
import type { ReviewService } from '../review/review-service';
import { counted, json } from './ingest-handler';
import {
  requireModerator,
  requirePlatformAccess,
  type ModeratorAuth,
} from './moderator-auth';
import { issueItems, jsonPath, problem } from './problems';
import { headersOf } from './request';
import { flagInPath, moderatorOf, reviewing } from './review-request';

/** A decision is a few short fields; anything larger is a mistake. */
export const MAX_DECISION_BYTES = 16 * 1024;

export interface DecideFlagDeps {
  review: Pick<ReviewService, 'decide'>;
  auth: ModeratorAuth;
  logger: Logger;
  metrics: Metrics;
}

/** POST .../flags/{flagId}/decisions: records who decided what, and when. */
export function createDecideFlagHandler(deps: DecideFlagDeps) {
  return async (
    event: APIGatewayProxyEventV2,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    requireModerator(event, deps.auth);
    const { platformId, flagId } = flagInPath(event);
    requirePlatformAccess(event, deps.auth, platformId);
    const moderator = moderatorOf(event, deps.auth);
    const decision = readDecision(event);

    const review = await reviewing(() =>
      deps.review.decide(platformId, flagId, decision, moderator));
    deps.metrics.addMetric('FlagDecisions', MetricUnit.Count, 1);
    deps.logger.info('flag decided', { platformId, flagId,
      decision: decision.decision, moderator: moderator.id });
    return json(200, { ...review, links: reviewPaths(platformId, flagId) });
  };
}

function readDecision(event: APIGatewayProxyEventV2): Decision {
  const type = headersOf(event)['content-type']?.split(';')[0]?.trim()
    .toLowerCase();
  if (type !== 'application/json') {
    throw problem('unsupportedMediaType', `Content-Type ${type ? `is ${type}`
      : 'is missing'}; send the decision as JSON with "Content-Type: ` +
      'application/json".');
  }
  const text = Buffer.from(event.body ?? '',
    event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
  if (Buffer.byteLength(text) > MAX_DECISION_BYTES) {
    throw problem('payloadTooLarge', `A decision must be at most ` +
      `${MAX_DECISION_BYTES} bytes; keep the reason and note short.`);
  }

  const body = parseBody(text);
  const parsed = decisionSchema.safeParse(body);
  if (!parsed.success) {
    const items = issueItems(parsed.error.issues, jsonPath,
      unknownDecisionField(body));
    throw problem('invalidDecision', `${counted(items.length, 'problem')} ` +
      'in the decision; nothing was recorded.', items);
  }
  return parsed.data;
}

/**
 * Zod reports a field only when the decision named is a known one, and a
 * field may belong to another decision, so the message names the decision.
 */
function unknownDecisionField(body: unknown) {
  const kind = typeof body === 'object' && body !== null
    ? Reflect.get(body, 'decision') : undefined;
  return (key: string) =>
    `${key} is not a field the "${String(kind)}" decision takes; remove it`;
}

function parseBody(text: string): unknown {
  if (text.trim() === '') {
    throw problem('malformedRequest', 'The body is empty; send one JSON ' +
      'object such as {"decision": "dismissed", "reason": "..."}.');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw problem('invalidJson', 'The body is not valid JSON; send one ' +
      'object such as {"decision": "dismissed", "reason": "..."}.');
  }
}
