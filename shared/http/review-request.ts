import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { FLAG_ID_PATTERN } from '../flags/flag';
import { platformIdSchema } from '../platforms/directory';
import { FlagNotFoundError, FlagStateError } from '../review/errors';
import type { Moderator } from '../review/decision';
import type { ModeratorAuth } from './moderator-auth';
import { problem } from './problems';
import { headersOf } from './request';

/** The header a local moderator names themselves with. */
export const MODERATOR_HEADER = 'vigil-moderator';

/** A pseudonymous handle; no real name is needed to keep a trail. */
export const moderatorHandleSchema = z.string()
  .regex(/^[A-Za-z0-9][\w.@-]{0,63}$/);

const claimsSchema = z.object({
  requestContext: z.object({
    authorizer: z.object({
      jwt: z.object({
        claims: z.object({
          sub: z.string().min(1),
          email: z.string().optional(),
          'cognito:username': z.string().optional(),
          username: z.string().optional(),
        }),
      }),
    }),
  }),
});

/** The flag a review route names; a malformed id names no flag. */
export function flagInPath(event: APIGatewayProxyEventV2) {
  const platformId = event.pathParameters?.platformId ?? '';
  const flagId = event.pathParameters?.flagId ?? '';
  if (!platformIdSchema.safeParse(platformId).success ||
    !FLAG_ID_PATTERN.test(flagId)) {
    throw asProblem(new FlagNotFoundError(platformId, flagId));
  }
  return { platformId, flagId };
}

/**
 * Who is deciding. Behind the JWT authorizer, the verified token says so;
 * with the local static token, the moderator's own header does.
 */
export function moderatorOf(
  event: APIGatewayProxyEventV2,
  auth: ModeratorAuth,
): Moderator {
  if (auth.mode === 'jwt-authorizer') {
    const parsed = claimsSchema.safeParse(event);
    if (!parsed.success) {
      throw problem('unauthenticated', 'Moderator access refused: the ' +
        'token names no subject.');
    }
    const claims = parsed.data.requestContext.authorizer.jwt.claims;
    return {
      id: claims.sub,
      email: claims.email,
      username: claims['cognito:username'] ?? claims.username,
    };
  }

  const handle = moderatorHandleSchema
    .safeParse(headersOf(event)[MODERATOR_HEADER]);
  if (!handle.success) {
    throw problem('malformedRequest', 'Name yourself with a ' +
      '"Vigil-Moderator: <handle>" header, such as "Vigil-Moderator: ' +
      'mod-ana"; the audit trail records it as who decided.',
    [{ path: `header:${MODERATOR_HEADER}`, message: 'must be 1 to 64 ' +
      'letters, digits, ".", "_", "@" or "-", starting with a letter or ' +
      'digit' }]);
  }
  return { id: handle.data };
}

/** Answers a review error with its problem; anything else is a fault. */
export function asProblem(error: unknown) {
  if (error instanceof FlagNotFoundError) {
    return problem('notFound', error.message);
  }
  if (error instanceof FlagStateError) {
    return problem('flagStateConflict', error.message);
  }
  return error;
}

/** Runs a review use case, turning its errors into problems. */
export async function reviewing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asProblem(error);
  }
}
