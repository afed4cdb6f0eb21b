import { createServer, type Server } from 'node:http';
import {
  RequestTooLargeError,
  localContext,
  sendResult,
  toApiGatewayEvent,
} from './api-gateway';
import { matchRoute, type Route } from './routes';

/** Serves the routes on a port, shaping requests as API Gateway does. */
export async function serveRoutes(
  routes: readonly Route[],
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = matchRoute(routes, request.method ?? 'GET', path);
    if (!match || match === 'method-not-allowed') {
      const status = match ? 405 : 404;
      sendResult(response, gatewayError(status,
        match ? 'Method not allowed' : 'Not found'));
      return;
    }

    toApiGatewayEvent(request, match.route.routeKey, match.pathParameters)
      .then((event) => match.route.handler(event,
        localContext(match.route.functionName)))
      .then((result) => sendResult(response, result))
      .catch((error: unknown) => {
        const tooLarge = error instanceof RequestTooLargeError;
        sendResult(response, gatewayError(tooLarge ? 413 : 500,
          tooLarge ? 'Request too large' : 'Internal error'));
      });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** The bare answers API Gateway itself gives before any function runs. */
function gatewayError(statusCode: number, message: string) {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message }),
  };
}
