import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { problem } from './problems';
import { headersOf } from './request';

/**
 * How moderator requests are authenticated. In AWS, API Gateway's JWT
 * authorizer has already checked the bearer token before the function runs;
 * locally, one static bearer token stands in for it.
 */
export type ModeratorAuth =
  | { mode: 'jwt-authorizer' }
  | { mode: 'static-token'; token: string };

/** Throws a 401 problem unless the request carries moderator credentials. */
export function requireModerator(
  event: APIGatewayProxyEventV2,
  auth: ModeratorAuth,
): void {
  if (auth.mode === 'jwt-authorizer') {
    const context: unknown = event.requestContext;
    const claims = hasJwtClaims(context);
    if (!claims) throw unauthenticated('no verified moderator token');
    return;
  }

  const header = headersOf(event).authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) {
    throw unauthenticated('send "Authorization: Bearer <moderator token>"');
  }
  if (!sameSecret(match[1], auth.token)) {
    throw unauthenticated('the bearer token is not valid');
  }
}

function hasJwtClaims(context: unknown): boolean {
  return claimsOf(context) !== null;
}

function claimsOf(context: unknown): object | null {
  if (typeof context !== 'object' || context === null) return null;
  const authorizer = Reflect.get(context, 'authorizer');
  if (typeof authorizer !== 'object' || authorizer === null) return null;
  const jwt = Reflect.get(authorizer, 'jwt');
  if (typeof jwt !== 'object' || jwt === null) return null;
  const claims: unknown = Reflect.get(jwt, 'claims');
  return typeof claims === 'object' && claims !== null ? claims : null;
}

/** The Cognito group whose members review one platform's flags. */
export function platformGroup(platformId: string): string {
  return `platform-${platformId}`;
}

/**
 * Throws a 403 problem unless the moderator may review this platform's
 * flags. In AWS that takes membership of the platform's Cognito group, so
 * a moderator of one platform never sees another's children; the local
 * static token stands for a moderator of every platform.
 */
export function requirePlatformAccess(
  event: APIGatewayProxyEventV2,
  auth: ModeratorAuth,
  platformId: string,
): void {
  if (auth.mode === 'static-token') return;

  const groups = groupsOf(claimsOf(event.requestContext));
  const group = platformGroup(platformId);
  if (!groups.includes(group)) {
    throw problem('forbidden', `Moderator access refused: you are not a ` +
      `moderator of platform ${platformId}. An operator adds moderators ` +
      `to the Cognito group "${group}".`);
  }
}

/**
 * The groups a token lists. API Gateway's JWT authorizer hands array
 * claims to the function as one string, "[a b]"; a token decoded
 * elsewhere has a real array.
 */
export function groupsOf(claims: object | null): string[] {
  const value: unknown = claims ? Reflect.get(claims, 'cognito:groups')
    : undefined;
  if (Array.isArray(value)) {
    return value.filter((group): group is string => typeof group === 'string');
  }
  if (typeof value !== 'string') return [];
  return value.replace(/^\[(.*)\]$/, '$1').split(/[\s,]+/)
    .filter((group) => group.length > 0);
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function unauthenticated(detail: string) {
  return problem('unauthenticated', `Moderator access refused: ${detail}.`, [],
    { 'WWW-Authenticate': 'Bearer realm="vigil-moderators"' });
}
