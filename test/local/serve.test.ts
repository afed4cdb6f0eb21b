import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  afterAll,
  beforeAll,
  describe,
  expect,
  it,
  onTestFinished,
} from 'vitest';
import type { Route } from '../../local/routes';
import { PortInUseError, serveRoutes } from '../../local/serve';
import { holdPort } from './ports';

describe('serveRoutes', () => {
  const received: APIGatewayProxyEventV2[] = [];
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const route: Route = {
      method: 'GET',
      routeKey: 'GET /v1/platforms/{platformId}/flags',
      functionName: 'vigil-test',
      handler: async (event) => {
        received.push(event);
        return { statusCode: 200, body: 'ok' };
      },
    };
    server = await serveRoutes([route], 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() =>
    resolve())));

  it('joins a repeated query parameter with commas, as API Gateway does',
    async () => {
      received.length = 0;

      const answer = await fetch(`${base}/v1/platforms/demo/flags` +
        '?status=open&limit=5&status=dismissed&note=a%2Cb');

      expect(answer.status).toBe(200);
      expect(received[0]?.queryStringParameters).toEqual({
        status: 'open,dismissed', limit: '5', note: 'a,b' });
      expect(received[0]?.rawQueryString)
        .toBe('status=open&limit=5&status=dismissed&note=a%2Cb');
    });

  it('gives no query parameters when there is no query', async () => {
    received.length = 0;

    await fetch(`${base}/v1/platforms/demo/flags`);

    expect(received[0]?.queryStringParameters).toBeUndefined();
  });

  it('answers a known path asked with another method as an unknown one',
    async () => {
      const wrongMethod = await fetch(`${base}/v1/platforms/demo/flags`,
        { method: 'DELETE' });
      const unknownPath = await fetch(`${base}/v1/nothing-here`);

      for (const answer of [wrongMethod, unknownPath]) {
        expect(answer.status).toBe(404);
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(await answer.json()).toEqual({ message: 'Not Found' });
      }
    });

  it('says which port is in use when another process holds it', async () => {
    const held = await holdPort();
    onTestFinished(() => held.release());

    const serving = serveRoutes([], held.port, '127.0.0.1');

    await expect(serving).rejects.toThrow(new PortInUseError(held.port));
    await expect(serving).rejects.toBeInstanceOf(PortInUseError);
  });
});
