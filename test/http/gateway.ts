import { randomUUID } from 'node:crypto';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { localContext } from '../../local/api-gateway';
import type { Answer } from './client';

export interface GatewayRequest {
  routeKey: string;
  path: string;
  platformId: string;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** The HTTP API (payload 2.0) event API Gateway hands a function. */
export function gatewayEvent(request: GatewayRequest): APIGatewayProxyEventV2 {
  const now = new Date();
  const [method = 'GET'] = request.routeKey.split(' ');
  return {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString: '',
    headers: request.headers ?? {},
    pathParameters: { platformId: request.platformId },
    isBase64Encoded: request.isBase64Encoded ?? false,
    body: request.body,
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: 'test.execute-api.eu-west-2.amazonaws.com',
      domainPrefix: 'test',
      http: { method, path: request.path, protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: request.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

type Lambda = (
  event: APIGatewayProxyEventV2,
  context: ReturnType<typeof localContext>,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Invokes a wrapped handler as Lambda would and reads its answer. */
export async function invoke(
  lambda: Lambda,
  request: GatewayRequest,
): Promise<{ answer: Answer; headers: Record<string, unknown> }> {
  const result = await lambda(gatewayEvent(request), localContext('test'));
  const headers = { ...result.headers };
  const contentType = headers['Content-Type'];
  const answer = {
    status: result.statusCode ?? 200,
    contentType: typeof contentType === 'string' ? contentType : null,
    body: result.body ? JSON.parse(result.body) : undefined,
  };
  return { answer, headers };
}
