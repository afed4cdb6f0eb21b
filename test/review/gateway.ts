import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
} from 'aws-lambda';
import { vi } from 'vitest';
import { localContext } from '../../local/api-gateway';
import { httpLambda } from '../../shared/http/lambda';

export const TOKEN = 'test-moderator-token';

type Handler = Parameters<typeof httpLambda>[0];

/** Quiet logging and metrics for handlers under test. */
export function silentTools() {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
  return {
    logger: new Logger({ logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'VigilTest' }),
  };
}

export interface ModeratorRequest {
  platformId?: string;
  flagId: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Claims a JWT authorizer verified; omitted for the local token. */
  claims?: Record<string, string>;
}

/** The event API Gateway sends for a moderator's request to a flag. */
export function moderatorEvent(request: ModeratorRequest):
  APIGatewayProxyEventV2 {
  const platformId = request.platformId ?? 'demo';
  const path = `/v1/platforms/${platformId}/flags/${request.flagId}`;
  const base = {
    version: '2.0',
    routeKey: 'ANY /v1/platforms/{platformId}/flags/{flagId}',
    rawPath: path,
    rawQueryString: '',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      ...request.headers,
    },
    pathParameters: { platformId, flagId: request.flagId },
    isBase64Encoded: false,
    body: request.body === undefined ? undefined
      : typeof request.body === 'string' ? request.body
      : JSON.stringify(request.body),
  };
  const context = {
    accountId: 'test', apiId: 'test', domainName: 'test',
    domainPrefix: 'test', requestId: 'r-1', routeKey: base.routeKey,
    stage: '$default', time: '', timeEpoch: 0,
    http: { method: 'POST', path, protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1', userAgent: 'test' },
  };
  if (!request.claims) return { ...base, requestContext: context };

  const verified: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...base,
    requestContext: { ...context, authorizer: { principalId: '',
      integrationLatency: 0, jwt: { claims: request.claims, scopes: [] } } },
  };
  return verified;
}

/** Invokes a handler as Lambda would and reads its JSON answer. */
export async function invoke(handler: Handler, request: ModeratorRequest) {
  const wrapped = httpLambda(handler, silentTools());
  const result = await wrapped(moderatorEvent(request),
    localContext('vigil-review'));
  const body: unknown = JSON.parse(result.body ?? 'null');
  return {
    status: result.statusCode,
    contentType: result.headers?.['Content-Type'],
    body,
  };
}
