import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  OPENAPI_FILE,
  buildOpenApiDocument,
  renderOpenApiDocument,
} from '../../scripts/openapi';
import { listFlagsQuerySchema } from '../../shared/http/flags-handler';

const INGEST = '/v1/platforms/{platformId}/events';
const LIST_FLAGS = '/v1/platforms/{platformId}/flags';

const problemResponseSchema = z.object({
  description: z.string().min(1),
  content: z.strictObject({
    'application/problem+json': z.object({
      schema: z.object({ allOf: z.tuple([
        z.object({ $ref: z.literal('#/components/schemas/Problem') }),
        z.object({ properties: z.object({
          type: z.object({ enum: z.array(z.string().startsWith('/problems/'))
            .min(1) }),
          status: z.object({ const: z.int() }),
        }) }),
      ]) }),
    }),
  }),
});

const operationSchema = z.object({
  operationId: z.string(),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  parameters: z.array(z.object({
    name: z.string(),
    in: z.enum(['path', 'query', 'header']),
    required: z.boolean(),
  })),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.unknown()),
});

const documentSchema = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.strictObject({
    [INGEST]: z.strictObject({ post: operationSchema }),
    [LIST_FLAGS]: z.strictObject({ get: operationSchema }),
  }),
  components: z.object({
    schemas: z.record(z.string(), z.looseObject({})),
    securitySchemes: z.record(z.string(),
      z.looseObject({ type: z.string() })),
  }),
});

const generated = buildOpenApiDocument();
const document = documentSchema.parse(generated);
const ingest = document.paths[INGEST].post;
const listFlags = document.paths[LIST_FLAGS].get;

/** The refusals of an operation: status to the problem types it may use. */
function refusals(operation: z.infer<typeof operationSchema>) {
  return Object.fromEntries(Object.entries(operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, response]) => {
      const { allOf } = problemResponseSchema.parse(response)
        .content['application/problem+json'].schema;
      expect(allOf[1].properties.status.const).toBe(Number(status));
      return [status, allOf[1].properties.type.enum];
    }));
}

/** Every `$ref` anywhere in a JSON value. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner));
}

describe('docs/openapi.json', () => {
  it('is what scripts/openapi.ts generates from the schemas now', () => {
    const committed = readFileSync(OPENAPI_FILE, 'utf8');

    expect(committed, 'docs/openapi.json is stale: run `npm run openapi`')
      .toBe(renderOpenApiDocument());
  });

  it('resolves every $ref to a component schema', () => {
    const refs = new Set(refsIn(generated));
    const names = Object.keys(document.components.schemas);

    expect([...refs].sort()).toEqual(
      names.map((name) => `#/components/schemas/${name}`).sort());
  });

  it('asks for Standard Webhooks headers on ingest', () => {
    const headers = ingest.parameters.filter((p) => p.in === 'header');

    expect(ingest.security).toEqual([{ standardWebhooks: [] }]);
    expect(document.components.securitySchemes.standardWebhooks).toMatchObject(
      { type: 'apiKey', in: 'header', name: 'webhook-signature' });
    expect(headers.map((p) => [p.name, p.required])).toEqual([
      ['webhook-id', true],
      ['webhook-timestamp', true],
    ]);
  });

  it('asks for a moderator bearer token on the listing', () => {
    expect(listFlags.security).toEqual([{ moderatorBearer: [] }]);
    expect(document.components.securitySchemes.moderatorBearer)
      .toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists the query parameters the listing accepts', () => {
    const query = listFlags.parameters.filter((p) => p.in === 'query');

    expect(query.map((p) => p.name))
      .toEqual(Object.keys(listFlagsQuerySchema.shape));
  });

  it('answers each refusal of ingest with the problems it can carry', () => {
    expect(refusals(ingest)).toEqual({
      400: ['/problems/malformed-request', '/problems/invalid-json'],
      401: ['/problems/missing-signature', '/problems/invalid-signature',
        '/problems/stale-signature'],
      404: ['/problems/unknown-platform'],
      413: ['/problems/payload-too-large'],
      415: ['/problems/unsupported-media-type'],
      422: ['/problems/schema-violation'],
      500: ['/problems/internal-error'],
      503: ['/problems/contention'],
    });
  });

  it('answers each refusal of the listing with the problems it can carry',
    () => {
      expect(refusals(listFlags)).toEqual({
        400: ['/problems/invalid-query'],
        401: ['/problems/unauthenticated'],
        404: ['/problems/unknown-platform'],
        500: ['/problems/internal-error'],
      });
    });
});
