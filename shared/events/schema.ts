import * as z from 'zod';

/** Upper limits on what one webhook delivery may carry. */
export const LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxEventsPerDelivery: 500,
  maxIdBytes: 128,
  maxViewCount: 10_000,
} as const;

export const AGE_BANDS = [
  'under_13',
  '13_15',
  '16_17',
  '18_plus',
  'unknown',
] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const EVENT_TYPES = [
  'friend_request.sent',
  'friend_request.accepted',
  'friend_request.rejected',
  'follow.created',
  'message.sent',
  'post.viewed',
  'block.created',
  'report.created',
  'connection.removed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const byteLength = (value: string) => Buffer.byteLength(value, 'utf8');

/**
 * The message for a field of the wrong type or a missing one, naming the
 * field and what it takes, so the sender can fix it without our docs.
 */
const fieldError = (field: string, expectation: string) =>
  (issue: { input?: unknown }) => issue.input === undefined
    ? `${field} is required (${expectation})`
    : `${field} must be ${expectation}`;

/**
 * A whole number with a named field in each message. A number too large
 * to be exact (over 2^53 - 1) is reported as too large rather than as not
 * whole, and only once: `abort` stops the upper bound from repeating it.
 */
const wholeNumber = (field: string, max: number = Number.MAX_SAFE_INTEGER) => {
  const error = (issue: { code?: string }) => issue.code === 'too_big'
    ? `${field} must be at most ${max}`
    : `${field} must be a whole number`;
  return z.number({ error }).int({ error, abort: true })
    .max(max, { error: `${field} must be at most ${max}` });
};

/** An opaque identifier of 1 to 128 UTF-8 bytes. */
const opaqueId = (what: string) =>
  z
    .string({
      error: fieldError(what, `a string of 1 to ${LIMITS.maxIdBytes} bytes`),
    })
    .min(1, { error: `${what} must not be empty` })
    .refine((value) => byteLength(value) <= LIMITS.maxIdBytes, {
      error: `${what} must be at most ${LIMITS.maxIdBytes} bytes of UTF-8`,
    })
    // Half a surrogate pair is not text: storage keys cannot encode it.
    .refine((value) => !/\p{Surrogate}/u.test(value), {
      error: `${what} must be valid Unicode, without unpaired surrogates`,
    });

/** Coarse region such as an ISO 3166-1 country or ISO 3166-2 subdivision. */
const regionError = fieldError('region',
  'an ISO 3166 code such as "GB" or "GB-DBY"');
const region = z
  .string({ error: regionError })
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { error: regionError })
  .meta({ example: 'GB-DBY' });

const rfc3339 = (field: string) => z.iso.datetime({
  offset: true,
  error: fieldError(field, 'an RFC 3339 date-time with a time zone ' +
    'offset, such as "2026-12-03T11:00:00Z"'),
});

/**
 * The message when something other than an object stands where an object
 * belongs; an event has two accounts, so these cannot name the field.
 * Unknown fields keep zod's issue, which the HTTP layer lists key by key.
 */
const objectError = (what: string, expectation: string) => {
  const message = fieldError(what, expectation);
  return (issue: z.core.$ZodRawIssue) =>
    issue.code === 'invalid_type' ? message(issue) : undefined;
};

/**
 * Lets a check across fields run only once the fields it reads are valid,
 * so it is reported together with every other problem of the event. An
 * issue of type at no path means the event itself is not an object: then
 * no check across its fields can run.
 */
const notAnObject = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' && !issue.path?.length;

const onceValid = (...fields: string[]) => ({
  when: (payload: z.core.ParsePayload) => !payload.issues.some((issue) =>
    notAnObject(issue) || fields.includes(String(issue.path?.[0]))),
});

export const accountSchema = z
  .strictObject({
    id: opaqueId('account id').meta({
      description: "The platform's pseudonymous id of the account, 1 to " +
        `${LIMITS.maxIdBytes} bytes of UTF-8.`,
      example: 'u_8f3a2c',
    }),
    ageBand: z.enum(AGE_BANDS, {
      error: fieldError('ageBand', `one of ${AGE_BANDS.join(', ')}`),
    }),
    region: region.optional(),
    createdAt: rfc3339('createdAt').optional(),
  }, { error: objectError('account', 'an object with id and ageBand') })
  .meta({ id: 'Account', description: 'A pseudonymous account.' });
export type Account = z.infer<typeof accountSchema>;

export const eventSchema = z
  .strictObject({
    id: opaqueId('event id').meta({
      description: "The platform's unique id for this event, 1 to " +
        `${LIMITS.maxIdBytes} bytes of UTF-8; an id seen before is counted ` +
        'once only.',
    }),
    type: z.enum(EVENT_TYPES, {
      error: fieldError('type', `one of ${EVENT_TYPES.join(', ')}`),
    }),
    occurredAt: rfc3339('occurredAt'),
    actor: accountSchema,
    target: accountSchema,
    mutualConnections: wholeNumber('mutualConnections')
      .min(0, { error: 'mutualConnections must be 0 or more' })
      .optional()
      .meta({ description: 'Connections the two accounts share, if known.' }),
    connectedSince: rfc3339('connectedSince').optional().meta({
      description: 'When actor and target became connected (friends, or ' +
        'following each other), if they are. Vigil learns connections ' +
        'from friend_request.accepted events too, but only those it sees; ' +
        'this tells it of ties formed before it was deployed.',
    }),
    count: wholeNumber('count', LIMITS.maxViewCount)
      .min(1, { error: 'count must be at least 1' })
      .optional()
      .meta({ description:
        'How many views this event stands for; post.viewed only.' }),
  }, { error: objectError('event',
    'an object with id, type, occurredAt, actor and target') })
  .refine((event) => event.count === undefined || event.type === 'post.viewed', {
    error: 'count is only allowed on post.viewed events; leave it out',
    path: ['count'],
    ...onceValid('count', 'type'),
  })
  .refine((event) => event.connectedSince === undefined ||
    Date.parse(event.connectedSince) <= Date.parse(event.occurredAt), {
    error: 'connectedSince must not be later than occurredAt',
    path: ['connectedSince'],
    ...onceValid('connectedSince', 'occurredAt'),
  })
  .refine((event) => event.actor.id !== event.target.id, {
    error: 'actor and target must be different accounts',
    path: ['target', 'id'],
    ...onceValid('actor', 'target'),
  })
  .meta({ id: 'Event', description:
    'One social action on the platform; actor and target differ.' });
export type SocialEvent = z.infer<typeof eventSchema>;

export const deliverySchema = z
  .strictObject({
    events: z
      .array(eventSchema, { error: fieldError('events',
        `an array of 1 to ${LIMITS.maxEventsPerDelivery} events`) })
      .min(1, { error: 'events must hold at least one event' })
      .max(LIMITS.maxEventsPerDelivery, {
        error: `events must hold at most ${LIMITS.maxEventsPerDelivery} events`,
      }),
  }, { error: objectError('the body', 'a JSON object with an "events" array') })
  .meta({ id: 'Delivery', description: 'One signed webhook delivery.' });
export type Delivery = z.infer<typeof deliverySchema>;
