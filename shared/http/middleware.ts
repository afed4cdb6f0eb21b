import type middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from
  'aws-lambda';

type HttpMiddleware = middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2
>;

const GENERIC_FAILURE = JSON.stringify({
  type: '/problems/internal-error',
  title: 'Internal error',
  status: 500,
  // Some events of a delivery may have been counted before the fault;
  // their ids are remembered, and a decision already recorded is refused
  // with 409, so the retry asked for here is safe on every route.
  detail: 'Vigil could not complete the request because of a fault on its ' +
    'side. Retry it later; retrying is safe: events already counted are ' +
    'not counted again.',
});

/**
 * Turns thrown problems into `application/problem+json` responses. Server
 * faults are logged in full and answered with a generic 500, so nothing of
 * the internals leaks and the platform knows to retry.
 */
export function problemResponses(
  logger: Logger,
  metrics: Metrics,
): HttpMiddleware[] {
  const contentType: HttpMiddleware = {
    onError: async (request) => {
      const response = request.response;
      if (!response || typeof response !== 'object') return;
      response.headers = {
        ...response.headers,
        'Content-Type': 'application/problem+json',
      };
      const failed = (response.statusCode ?? 500) >= 500;
      metrics.addMetric(failed ? 'RequestsFailed' : 'RequestsRefused',
        MetricUnit.Count, 1);
    },
  };
  const handler = httpErrorHandler({
    fallbackMessage: GENERIC_FAILURE,
    logger: (error: unknown) => {
      const status = statusOf(error);
      // A 503 Vigil chose (too much contention, retry) is expected under
      // load and says so to the client; only a fault is an error.
      if (status >= 500 && isExposed(error)) {
        logger.warn('request deferred', { status });
      } else if (status >= 500) {
        logger.error('request failed', { error });
      } else {
        logger.debug('request refused', { status });
      }
    },
  });
  // middy runs onError hooks last-registered first, so the content type is
  // set after the error handler has built the response.
  return [contentType, handler as HttpMiddleware];
}

function statusOf(error: unknown): number {
  const status = typeof error === 'object' && error !== null
    ? Reflect.get(error, 'statusCode') : undefined;
  return typeof status === 'number' ? status : 500;
}

function isExposed(error: unknown): boolean {
  return typeof error === 'object' && error !== null &&
    Reflect.get(error, 'expose') === true;
}
