import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { problemResponses } from './middleware';

type HttpHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Wraps an HTTP handler the same way for Lambda and for local mode: logger
 * context, metrics flushed per invocation, lower-cased headers, and every
 * error answered as a problem document.
 */
export function httpLambda(
  handler: HttpHandler,
  tools: { logger: Logger; metrics: Metrics },
) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(injectLambdaContext(tools.logger, { resetKeys: true }))
    .use(logMetrics(tools.metrics))
    .use(httpHeaderNormalizer())
    .use(problemResponses(tools.logger, tools.metrics))
    .handler(handler);
}
