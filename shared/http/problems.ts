import createError from 'http-errors';
import type { z } from 'zod';
import { platformIdSchema } from '../platforms/directory';

/** One problem with one part of a request, located by a JSON path. */
export interface ProblemItem {
  path: string;
  message: string;
}

/** The kinds of problem Vigil reports; each is documented in docs/api.md. */
export const PROBLEMS = {
  malformedRequest: { status: 400, title: 'Malformed request' },
  invalidJson: { status: 400, title: 'Body is not valid JSON' },
  invalidQuery: { status: 400, title: 'Invalid query parameters' },
  missingSignature: { status: 401, title: 'Webhook signature missing' },
  invalidSignature: { status: 401, title: 'Webhook signature invalid' },
  staleSignature: { status: 401, title: 'Webhook timestamp outside tolerance' },
  unauthenticated: { status: 401, title: 'Moderator credentials missing or invalid' },
  forbidden: { status: 403, title: 'Not a moderator of this platform' },
  unknownPlatform: { status: 404, title: 'Unknown platform' },
  notFound: { status: 404, title: 'Not found' },
  flagStateConflict: { status: 409,
    title: 'Not possible in the flag\'s current state' },
  payloadTooLarge: { status: 413, title: 'Body too large' },
  unsupportedMediaType: { status: 415, title: 'Body must be JSON' },
  schemaViolation: { status: 422, title: 'Events do not match the schema' },
  invalidDecision: { status: 422, title: 'Decision does not match the schema' },
  contention: { status: 503, title: 'Busy, retry shortly' },
} as const;
export type ProblemType = keyof typeof PROBLEMS;

/** The RFC 9457 `type` URI of a problem: relative, resolved in the docs. */
export function problemTypeUri(type: ProblemType): string {
  return `/problems/${type.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * An HTTP error whose message is an RFC 9457 problem document, for middy's
 * error handler to send as the response body.
 */
export function problem(
  type: ProblemType,
  detail: string,
  errors: readonly ProblemItem[] = [],
  headers: Record<string, string> = {},
): createError.HttpError {
  const { status, title } = PROBLEMS[type];
  const body = {
    type: problemTypeUri(type),
    title,
    status,
    detail,
    ...(errors.length > 0 ? { errors } : {}),
  };
  return createError(status, JSON.stringify(body), { expose: true, headers });
}

/**
 * `$.events[0].actor.id` from zod's `['events', 0, 'actor', 'id']`. A key
 * that is not a plain name, such as an unknown field called `a.b`, is
 * written `['a.b']` as RFC 9535 does, so the path stays unambiguous.
 */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === 'number') return `${out}[${part}]`;
    const key = String(part);
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${out}.${key}`
      : `${out}['${key.replace(/[\\']/g, (c) => `\\${c}`)}']`;
  }, '$');
}

/** What an unknown key is told: by default, that it is no known field. */
export type UnknownKeyMessage = (key: string) => string;

const unknownField: UnknownKeyMessage = (key) =>
  `${key} is not a field Vigil knows; remove it`;

/**
 * One item per zod issue, located by `locate`. An unknown field is listed
 * at its own path, one item per field, rather than at the object holding it.
 */
export function issueItems(
  issues: readonly z.core.$ZodIssue[],
  locate: (path: readonly PropertyKey[]) => string,
  unknownKey: UnknownKeyMessage = unknownField,
): ProblemItem[] {
  return issues.flatMap((issue) => issue.code === 'unrecognized_keys'
    ? issue.keys.map((key) => ({
      path: locate([...issue.path, key]),
      message: unknownKey(key),
    }))
    : [{ path: locate(issue.path), message: issue.message }]);
}

/** The 404 for a path naming no platform, saying why when it cannot. */
export function unknownPlatform(platformId: string): createError.HttpError {
  const format = platformIdSchema.safeParse(platformId);
  const hint = format.success
    ? 'check the URL or ask the operator to register it'
    : `${format.error.issues[0]?.message ?? 'malformed'}; check the URL`;
  return problem('unknownPlatform',
    `No platform "${platformId}" is registered with this Vigil ` +
    `deployment; ${hint}.`);
}
