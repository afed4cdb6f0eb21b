import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  OPENAPI_FILE,
  buildOpenApiDocument,
  flagReviewSchema,
  renderOpenApiDocument,
} from '../../scripts/openapi';
import { FLAG_ID_PATTERN } from '../../shared/flags/flag';
import type { reviewPaths } from '../../shared/flags/paths';
import { listFlagsQuerySchema } from '../../shared/http/flags-handler';
import {
  PROBLEMS,
  problemTypeUri,
  type ProblemType,
} from '../../shared/http/problems';
import { DECISIONS } from '../../shared/review/decision';
import type { FlagReview } from '../../shared/review/review-service';

const INGEST = '/v1/platforms/{platformId}/events';
const LIST_FLAGS = '/v1/platforms/{platformId}/flags';
const FLAG = '/v1/platforms/{platformId}/flags/{flagId}';
const DECISIONS_PATH = `${FLAG}/decisions`;
const EVIDENCE = `${FLAG}/evidence`;

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
    schema: z.looseObject({}),
  })),
  requestBody: z.object({
    required: z.literal(true),
    content: z.strictObject({
      'application/json': z.object({ schema: z.object({ $ref: z.string() }) }),
    }),
  }).optional(),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.unknown()),
});

const successSchema = z.object({
  content: z.strictObject({
    'application/json': z.object({ schema: z.object({ $ref: z.string() }) }),
  }),
});

const documentSchema = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.strictObject({
    [INGEST]: z.strictObject({ post: operationSchema }),
    [LIST_FLAGS]: z.strictObject({ get: operationSchema }),
    [FLAG]: z.strictObject({ get: operationSchema }),
    [DECISIONS_PATH]: z.strictObject({ post: operationSchema }),
    [EVIDENCE]: z.strictObject({ get: operationSchema }),
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
const getFlag = document.paths[FLAG].get;
const decideFlag = document.paths[DECISIONS_PATH].post;
const flagEvidence = document.paths[EVIDENCE].get;
const moderatorRoutes = [listFlags, getFlag, decideFlag, flagEvidence];
const reviewRoutes = [getFlag, decideFlag, flagEvidence];

type Operation = z.infer<typeof operationSchema>;

/** What the get-flag and decide handlers answer, as one flat object type. */
type ReviewAnswer = {
  [K in keyof Sent]: Sent[K];
};
type Sent = FlagReview & { links: ReturnType<typeof reviewPaths> };

/** The component a 200 answer is, as `#/components/schemas/NAME`. */
function answerOf(operation: Operation) {
  return successSchema.parse(operation.responses[200])
    .content['application/json'].schema.$ref;
}

/** The refusals of an operation: status to the problem types it may use. */
function refusals(operation: Operation) {
  return Object.fromEntries(Object.entries(operation.responses)
    .filter(([status]) => Number(status) >= 400)
    .map(([status, response]) => {
      const { allOf } = problemResponseSchema.parse(response)
        .content['application/problem+json'].schema;
      expect(allOf[1].properties.status.const).toBe(Number(status));
      return [status, allOf[1].properties.type.enum];
    }));
}

function isProblemType(name: string): name is ProblemType {
  return name in PROBLEMS;
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

  it('asks for a moderator bearer token on every moderator route', () => {
    expect(moderatorRoutes.map((route) => route.security))
      .toEqual(moderatorRoutes.map(() => [{ moderatorBearer: [] }]));
    expect(document.components.securitySchemes.moderatorBearer)
      .toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('names the flag of each review route by the flag id pattern', () => {
    for (const route of reviewRoutes) {
      const path = route.parameters.filter((p) => p.in === 'path');

      expect(path.map((p) => [p.name, p.required])).toEqual([
        ['platformId', true],
        ['flagId', true],
      ]);
      expect(path[1]?.schema.pattern).toBe(FLAG_ID_PATTERN.source);
    }
  });

  it('lets a moderator name themselves only when deciding', () => {
    const headers = (route: Operation) => route.parameters
      .filter((p) => p.in === 'header')
      .map((p) => [p.name, p.required, p.schema.pattern]);

    // Optional, as only local mode reads it; in AWS the JWT says who.
    expect(headers(decideFlag)).toEqual([
      ['Vigil-Moderator', false, '^[A-Za-z0-9][\\w.@-]{0,63}$'],
    ]);
    expect(headers(getFlag)).toEqual([]);
    expect(headers(flagEvidence)).toEqual([]);
  });

  it('takes a decision in the Decision schema, one shape per kind', () => {
    const decision = z.object({
      oneOf: z.array(z.object({
        properties: z.object({ decision: z.object({ const: z.string() }) }),
        additionalProperties: z.literal(false),
      })),
    }).parse(document.components.schemas.Decision);

    expect(decideFlag.requestBody?.content['application/json'].schema)
      .toEqual({ $ref: '#/components/schemas/Decision' });
    expect(decision.oneOf.map((shape) => shape.properties.decision.const))
      .toEqual([...DECISIONS]);
  });

  it('answers each review route with its component schema', () => {
    expect([getFlag, decideFlag, flagEvidence].map(answerOf)).toEqual([
      '#/components/schemas/FlagReview',
      '#/components/schemas/FlagReview',
      '#/components/schemas/EvidenceBundle',
    ]);
    // The review schema is written for the document, not parsed by a
    // handler, so tsc holds it to exactly what the handlers send.
    expectTypeOf<z.output<typeof flagReviewSchema>>()
      .toEqualTypeOf<ReviewAnswer>();
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
        403: ['/problems/forbidden'],
        404: ['/problems/unknown-platform'],
        500: ['/problems/internal-error'],
      });
    });

  it('answers each refusal of reading a flag with the problems it can carry',
    () => {
      expect(refusals(getFlag)).toEqual({
        401: ['/problems/unauthenticated'],
        403: ['/problems/forbidden'],
        404: ['/problems/not-found'],
        500: ['/problems/internal-error'],
      });
    });

  it('answers each refusal of a decision with the problems it can carry',
    () => {
      expect(refusals(decideFlag)).toEqual({
        400: ['/problems/malformed-request', '/problems/invalid-json'],
        401: ['/problems/unauthenticated'],
        403: ['/problems/forbidden'],
        404: ['/problems/not-found'],
        409: ['/problems/flag-state-conflict'],
        413: ['/problems/payload-too-large'],
        415: ['/problems/unsupported-media-type'],
        422: ['/problems/invalid-decision'],
        500: ['/problems/internal-error'],
      });
    });

  it('answers each refusal of the evidence export with the problems it can ' +
    'carry', () => {
    expect(refusals(flagEvidence)).toEqual({
      401: ['/problems/unauthenticated'],
      403: ['/problems/forbidden'],
      404: ['/problems/not-found'],
      409: ['/problems/flag-state-conflict'],
      500: ['/problems/internal-error'],
    });
  });

  it('uses every problem type Vigil defines on some route', () => {
    const operations = [ingest, ...moderatorRoutes];
    const used = new Set(operations.flatMap((operation) =>
      Object.values(refusals(operation)).flat()));

    expect([...used].sort()).toEqual([
      ...Object.keys(PROBLEMS).filter(isProblemType).map(problemTypeUri),
      '/problems/internal-error',
    ].sort());
  });
});
