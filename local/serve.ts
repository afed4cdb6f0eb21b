import { createServer, type Server } from 'node:http';
import * as z from 'zod';
import {
  RequestTooLargeError,
  localContext,
  sendResult,
  toApiGatewayEvent,
} from './api-gateway';
import { matchRoute, type Route } from './routes';

/** Raised when another process already listens on the port asked for. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';

  constructor(readonly port: number, options?: ErrorOptions) {
    super(`port ${port} is in use`, options);
  }
}

const listenFailure = z.object({ code: z.string() });

/** Serves the routes on a port, shaping requests as API Gateway does. */
export async function serveRoutes(
  routes: readonly Route[],
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = matchRoute(routes, request.method ?? 'GET', path);
    if (!match) {
      // What an HTTP API without a $default route answers, whether the
      // path is unknown or only the method is.
      sendResult(response, gatewayError(404, 'Not Found'));
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
    server.once('error', (error) => {
      const failure = listenFailure.safeParse(error);
      reject(failure.success && failure.data.code === 'EADDRINUSE'
        ? new PortInUseError(port, { cause: error }) : error);
    });
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
