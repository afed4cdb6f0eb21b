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
  if (typeof context !== 'object' || context === null) return false;
  const authorizer = Reflect.get(context, 'authorizer');
  if (typeof authorizer !== 'object' || authorizer === null) return false;
  const jwt = Reflect.get(authorizer, 'jwt');
  return typeof jwt === 'object' && jwt !== null &&
    typeof Reflect.get(jwt, 'claims') === 'object';
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
