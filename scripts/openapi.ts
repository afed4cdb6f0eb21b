import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import {
  accountSchema,
  deliverySchema,
  eventSchema,
  LIMITS,
} from '../shared/events/schema';
import { flagIdSchema, flagSchema } from '../shared/flags/flag';
import { platformIdSchema } from '../shared/platforms/directory';
import { listFlagsQuerySchema } from '../shared/http/flags-handler';
import { MAX_DECISION_BYTES } from '../shared/http/review-decide-handler';
import { moderatorHandleSchema } from '../shared/http/review-request';
import { decisionSchema } from '../shared/review/decision';
import { evidenceBundleSchema } from '../shared/review/evidence';
import { trailEntrySchema } from '../shared/review/trail';
import {
  PROBLEMS,
  problemTypeUri,
  type ProblemType,
} from '../shared/http/problems';

// Builds docs/openapi.json from the zod schemas the handlers validate with,
// so the published contract cannot say something the code does not do. A
// test regenerates it and compares: run `npm run openapi` after changing a
// schema or a problem.

/** Where the document is committed. */
export const OPENAPI_FILE = fileURLToPath(
  new URL('../docs/openapi.json', import.meta.url));

/** The 500 body is built by middy's error handler, not by `problem()`. */
const INTERNAL_ERROR = {
  type: '/problems/internal-error',
  title: 'Internal error',
  status: 500,
} as const;

// Responses are open objects: a later version may add fields.
const problemItemSchema = z.object({
  path: z.string().meta({
    description: 'Where the problem is: a JSON path into the body ' +
      '($.events[0].actor.ageBand), header:NAME or query:NAME.',
    example: '$.events[0].actor.ageBand',
  }),
  message: z.string().meta({ description: 'What is wrong and what to do.' }),
});

const problemSchema = z.object({
  type: z.string().meta({ description: 'Identifies the kind of problem; ' +
    'relative to the API, documented in docs/api.md.' }),
  title: z.string().meta({ description: 'The same for every problem of ' +
    'this type.' }),
  status: z.int().min(400).max(599),
  detail: z.string().meta({ description: 'This occurrence, in words.' }),
  errors: z.array(problemItemSchema).optional().meta({
    description: 'Every problem found, each with its location.' }),
}).meta({ description: 'An RFC 9457 problem document.' });

const ingestReceiptSchema = z.object({
  accepted: z.int().min(0).meta({ description: 'Events counted now.' }),
  duplicates: z.int().min(0).meta({ description:
    'Events whose id was seen before (or earlier in this delivery), ' +
    'counted once only.' }),
  flags: z.array(z.string()).meta({ description:
    'Ids of the flags this request raised.' }),
}).meta({ description: 'What became of a delivery.' });

const flagPageSchema = z.object({
  flags: z.array(flagSchema),
  nextCursor: z.string().nullable().meta({ description:
    'Pass as `cursor` for the next page; null on the last page.' }),
}).meta({ description: 'Flags, newest first.' });

const reviewLinksSchema = z.object({
  flag: z.string(),
  evidence: z.string(),
  decisions: z.string(),
}).meta({ description: 'Paths of the flag, its evidence bundle and its ' +
  'decisions, relative to the API\'s base URL.' });

/** The answer to reading or deciding a flag; a test pins it to the code's. */
export const flagReviewSchema = z.object({
  flag: flagSchema,
  trail: z.array(trailEntrySchema).meta({ description:
    'Every decision made on the flag, oldest first.' }),
  links: reviewLinksSchema,
}).meta({ description: 'A flag, its decision trail and where to act on it.' });

/** Every schema the document names, under the name it is published as. */
const COMPONENTS = {
  Account: accountSchema,
  Event: eventSchema,
  Delivery: deliverySchema,
  IngestReceipt: ingestReceiptSchema,
  Flag: flagSchema,
  FlagPage: flagPageSchema,
  FlagReview: flagReviewSchema,
  Decision: decisionSchema,
  TrailEntry: trailEntrySchema,
  EvidenceBundle: evidenceBundleSchema,
  Problem: problemSchema,
  ProblemItem: problemItemSchema,
} satisfies Record<string, z.ZodType>;

/** Typed by the query schema, so a new parameter needs a description. */
const QUERY_DESCRIPTIONS = new Map(Object.entries({
  status: 'Only flags in this status.',
  accountId: 'Only flags about this account.',
  limit: 'Flags per page.',
  cursor: 'The nextCursor of the previous page; leave it out for the first.',
} satisfies Record<keyof typeof listFlagsQuerySchema.shape, string>));

const INGEST_PROBLEMS: readonly ProblemType[] = [
  'malformedRequest', 'invalidJson', 'missingSignature', 'invalidSignature',
  'staleSignature', 'unknownPlatform', 'payloadTooLarge',
  'unsupportedMediaType', 'schemaViolation', 'contention',
];

const LIST_PROBLEMS: readonly ProblemType[] = [
  'invalidQuery', 'unauthenticated', 'forbidden', 'unknownPlatform',
];

// A review route looks up a flag, not a platform: a path naming no flag it
// can find, on a registered platform or not, is not-found.
const READ_FLAG_PROBLEMS: readonly ProblemType[] = [
  'unauthenticated', 'forbidden', 'notFound',
];

const EVIDENCE_PROBLEMS: readonly ProblemType[] = [
  ...READ_FLAG_PROBLEMS, 'flagStateConflict',
];

const DECIDE_PROBLEMS: readonly ProblemType[] = [
  'malformedRequest', 'invalidJson', 'unauthenticated', 'forbidden',
  'notFound', 'flagStateConflict', 'payloadTooLarge', 'unsupportedMediaType',
  'invalidDecision',
];

/** Headers that come with some problems and tell the client what to do. */
const PROBLEM_HEADERS: Partial<Record<ProblemType, object>> = {
  contention: {
    'Retry-After': { description: 'Seconds to wait before retrying.',
      schema: { type: 'integer' } },
  },
  unauthenticated: {
    'WWW-Authenticate': { description: 'The bearer scheme expected.',
      schema: { type: 'string' } },
  },
};

const SECURITY_SCHEMES = {
  standardWebhooks: {
    type: 'apiKey',
    in: 'header',
    name: 'webhook-signature',
    description: 'Standard Webhooks: "v1," and the base64 HMAC-SHA256 of ' +
      '"{webhook-id}.{webhook-timestamp}.{raw body}", keyed with the ' +
      'base64-decoded part of an active "whsec_" secret. Several ' +
      'space-separated signatures may be sent.',
  },
  moderatorBearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A moderator\'s token: a Cognito JWT when deployed, the ' +
      'static moderator token in local mode.',
  },
};

const MODERATOR_SECURITY = [{ moderatorBearer: [] }];

/** The OpenAPI 3.1 document of Vigil's HTTP API. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Vigil',
      version: '1.0.0',
      description: 'Platforms send signed webhook deliveries of social ' +
        'events; moderators read the flags Vigil raises, decide on them and ' +
        'export the evidence of an escalation. The full contract, with ' +
        'examples, is docs/api.md, with the SNS message each new flag ' +
        'sends; the review routes are described in docs/review-api.md.',
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'Local mode (npm start)' },
    ],
    paths: {
      '/v1/platforms/{platformId}/events': { post: ingestOperation() },
      '/v1/platforms/{platformId}/flags': { get: listFlagsOperation() },
      '/v1/platforms/{platformId}/flags/{flagId}': {
        get: getFlagOperation(),
      },
      '/v1/platforms/{platformId}/flags/{flagId}/decisions': {
        post: decideFlagOperation(),
      },
      '/v1/platforms/{platformId}/flags/{flagId}/evidence': {
        get: flagEvidenceOperation(),
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

function ingestOperation() {
  return {
    operationId: 'ingestEvents',
    summary: 'Deliver a batch of social events',
    description: `At most ${LIMITS.maxBodyBytes} bytes and ` +
      `${LIMITS.maxEventsPerDelivery} events. Events must have happened ` +
      'within the last 72 hours. A delivery that breaks a rule is refused ' +
      'whole; retries are safe, as each event id is counted once.',
    security: [{ standardWebhooks: [] }],
    parameters: [
      platformIdParameter(),
      headerParameter('webhook-id', 'A unique id of the delivery, the ' +
        'same on each retry.',
        { type: 'string', minLength: 1 }),
      headerParameter('webhook-timestamp', 'When the delivery was signed, ' +
        'in seconds since the Unix epoch; within 5 minutes of our clock.',
      { type: 'string', pattern: '^[0-9]{1,12}$', example: '1614265330' }),
    ],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: ref('Delivery') } },
    },
    responses: {
      200: {
        description: 'Counted. Duplicates are not an error.',
        content: { 'application/json': { schema: ref('IngestReceipt') } },
      },
      ...problemResponses(INGEST_PROBLEMS),
    },
  };
}

function listFlagsOperation() {
  const parameters = Object.entries(listFlagsQuerySchema.shape)
    .map(([name, schema]) => ({
      name,
      in: 'query',
      required: !schema.safeParse(undefined).success,
      description: QUERY_DESCRIPTIONS.get(name),
      schema: bare(z.toJSONSchema(schema, { io: 'input' })),
    }));
  return {
    operationId: 'listFlags',
    summary: 'List a platform\'s flags, newest first',
    description: 'Whether the platform is registered is not checked: a ' +
      'platform id with no flags answers an empty page, and only an id ' +
      'that cannot be a platform id is refused with unknown-platform.',
    security: MODERATOR_SECURITY,
    parameters: [platformIdParameter(), ...parameters],
    responses: {
      200: {
        description: 'A page of flags.',
        content: { 'application/json': { schema: ref('FlagPage') } },
      },
      ...problemResponses(LIST_PROBLEMS),
    },
  };
}

function getFlagOperation() {
  return {
    operationId: 'getFlag',
    summary: 'Read a flag with its decision trail',
    security: MODERATOR_SECURITY,
    parameters: flagPathParameters(),
    responses: {
      200: {
        description: 'The flag as it stands, and every decision on it.',
        content: { 'application/json': { schema: ref('FlagReview') } },
      },
      ...problemResponses(READ_FLAG_PROBLEMS),
    },
  };
}

function decideFlagOperation() {
  return {
    operationId: 'decideFlag',
    summary: 'Record a moderator\'s decision on a flag',
    description: `At most ${MAX_DECISION_BYTES} bytes. Dismissing, ` +
      'actioning and escalating apply to an open flag; releasing, to an ' +
      'escalated flag on legal hold. The trail only grows: no route changes ' +
      'or removes a decision.',
    security: MODERATOR_SECURITY,
    parameters: [...flagPathParameters(), moderatorHeaderParameter()],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: ref('Decision') } },
    },
    responses: {
      200: {
        description: 'Recorded; the trail ends with the new decision.',
        content: { 'application/json': { schema: ref('FlagReview') } },
      },
      ...problemResponses(DECIDE_PROBLEMS),
    },
  };
}

function flagEvidenceOperation() {
  return {
    operationId: 'getFlagEvidence',
    summary: 'Export the evidence bundle of an escalated flag',
    description: 'Exists once the flag has been escalated, and stays until ' +
      'the flag expires, hold released or not.',
    security: MODERATOR_SECURITY,
    parameters: flagPathParameters(),
    responses: {
      200: {
        description: 'What a referral needs from Vigil.',
        content: { 'application/json': { schema: ref('EvidenceBundle') } },
      },
      ...problemResponses(EVIDENCE_PROBLEMS),
    },
  };
}

interface ProblemKind { uri: string; title: string; headers: object }

/**
 * One response per status, its `type` limited to the problems that status
 * stands for on this operation, plus the generic 500.
 */
function problemResponses(types: readonly ProblemType[]) {
  const byStatus = new Map<number, ProblemKind[]>();
  const all = [
    ...types.map((type) => ({ ...PROBLEMS[type], uri: problemTypeUri(type),
      headers: PROBLEM_HEADERS[type] ?? {} })),
    { ...INTERNAL_ERROR, uri: INTERNAL_ERROR.type, headers: {} },
  ];
  for (const { status, ...kind } of all) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), kind]);
  }

  const statuses = [...byStatus.keys()].sort((a, b) => a - b);
  return Object.fromEntries(statuses.map((status) =>
    [String(status), problemResponse(status, byStatus.get(status) ?? [])]));
}

function problemResponse(status: number, kinds: readonly ProblemKind[]) {
  const headers = Object.assign({}, ...kinds.map((kind) => kind.headers));
  return {
    description: kinds.map((kind) => kind.title).join('; '),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { 'application/problem+json': { schema: { allOf: [
      ref('Problem'),
      { properties: {
        type: { enum: kinds.map((kind) => kind.uri) },
        status: { const: status },
      } },
    ] } } },
  };
}

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) {
    registry.add(schema, { id });
  }
  // As input, zod closes only strict objects: requests must not carry
  // unknown fields, while responses stay open to additions.
  const { schemas } = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    io: 'input',
  });
  // Zod files schemas named elsewhere but missing here under __shared;
  // every named schema must be a component of its own.
  if ('__shared' in schemas) {
    throw new Error('a schema with a meta id is missing from COMPONENTS: ' +
      Object.keys(schemas.__shared?.$defs ?? {}).join(', '));
  }
  return Object.fromEntries(Object.entries(schemas)
    .map(([id, schema]) => [id, bare(schema)]));
}

/** A JSON Schema without the keywords that only a standalone one needs. */
function bare(schema: z.core.JSONSchema.BaseSchema) {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}

function platformIdParameter() {
  return {
    name: 'platformId',
    in: 'path',
    required: true,
    description: 'The platform, as registered with this deployment.',
    schema: bare(z.toJSONSchema(platformIdSchema)),
  };
}

function flagPathParameters() {
  return [platformIdParameter(), {
    name: 'flagId',
    in: 'path',
    required: true,
    description: 'The flag, as the listing or the flag message names it.',
    schema: bare(z.toJSONSchema(flagIdSchema)),
  }];
}

/**
 * Only local mode reads it: there one static token is shared, so the
 * moderator names themselves. Behind the JWT authorizer the verified token
 * says who decides and the header is ignored, hence not required here.
 */
function moderatorHeaderParameter() {
  return {
    name: 'Vigil-Moderator',
    in: 'header',
    required: false,
    description: 'Local mode only, where it is required: the ' +
      'pseudonymous handle of the moderator deciding, recorded in the ' +
      'trail as who decided. In AWS the verified JWT identifies the ' +
      'moderator and this header is ignored.',
    schema: { ...bare(z.toJSONSchema(moderatorHandleSchema)),
      example: 'mod-ana' },
  };
}

function headerParameter(name: string, description: string, schema: object) {
  return { name, in: 'header', required: true, description, schema };
}

function ref(id: keyof typeof COMPONENTS) {
  return { $ref: `#/components/schemas/${id}` };
}

/** The document as committed: two-space JSON and a final newline. */
export function renderOpenApiDocument(): string {
  return `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_FILE, renderOpenApiDocument());
  console.log(`Wrote ${OPENAPI_FILE}`);
}
