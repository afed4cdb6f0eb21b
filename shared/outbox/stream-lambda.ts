import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';

/**
 * Wraps an event-source handler as the HTTP functions are wrapped, minus
 * the HTTP parts: logger context and metrics flushed per invocation.
 */
export function streamLambda<TEvent, TResult>(
  handler: (event: TEvent) => Promise<TResult>,
  tools: { logger: Logger; metrics: Metrics },
) {
  return middy<TEvent, TResult>()
    .use(injectLambdaContext(tools.logger, { resetKeys: true }))
    .use(logMetrics(tools.metrics))
    .handler(handler);
}
