import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/** Bodies above this are refused before they reach a handler, as Lambda does. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** Content types API Gateway passes as text; anything else arrives base64. */
const TEXT_TYPES = /^(application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)|text\/)/i;

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export class RequestTooLargeError extends Error {
  override name = 'RequestTooLargeError';
}

/** Builds the HTTP API (payload 2.0) event API Gateway would send. */
export async function toApiGatewayEvent(
  request: IncomingMessage,
  routeKey: string,
  pathParameters: Record<string, string>,
): Promise<APIGatewayProxyEventV2> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const body = await readBody(request);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = [value].flat().join(',');
  }
  const text = TEXT_TYPES.test(headers['content-type'] ?? '');
  const query = queryParameters(url.searchParams);
  const now = new Date();

  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: query,
    pathParameters,
    isBase64Encoded: body.length > 0 && !text,
    body: body.length === 0 ? undefined
      : body.toString(text ? 'utf8' : 'base64'),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

/**
 * The query as payload 2.0 carries it: decoded, and a name given several
 * times holds its values joined by commas, in order, as API Gateway joins
 * them. Absent when there is no query.
 */
function queryParameters(
  search: URLSearchParams,
): Record<string, string> | undefined {
  const names = [...new Set(search.keys())];
  if (names.length === 0) return undefined;

  return Object.fromEntries(names.map((name) =>
    [name, search.getAll(name).join(',')]));
}

/** A Lambda context good enough for middy and Powertools. */
export function localContext(functionName: string): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Writes a handler's result as API Gateway would. */
export function sendResult(
  response: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
): void {
  const body = result.body ?? '';
  const headers = Object.fromEntries(Object.entries(result.headers ?? {})
    .map(([name, value]) => [name, String(value)]));
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) throw new RequestTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
