import { z } from 'zod';

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

/** An opaque identifier of 1 to 128 UTF-8 bytes. */
const opaqueId = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} must not be empty` })
    .refine((value) => byteLength(value) <= LIMITS.maxIdBytes, {
      error: `${what} must be at most ${LIMITS.maxIdBytes} bytes of UTF-8`,
    });

/** Coarse region such as an ISO 3166-1 country or ISO 3166-2 subdivision. */
const region = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, {
    error: 'region must be an ISO 3166 code such as "GB" or "GB-DBY"',
  })
  .meta({ example: 'GB-DBY' });

const rfc3339 = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 date-time with a time zone offset',
});

export const accountSchema = z
  .strictObject({
    id: opaqueId('account id').meta({ example: 'u_8f3a2c' }),
    ageBand: z.enum(AGE_BANDS, {
      error: `ageBand must be one of ${AGE_BANDS.join(', ')}`,
    }),
    region: region.optional(),
    createdAt: rfc3339.optional(),
  })
  .meta({ id: 'Account', description: 'A pseudonymous account.' });
export type Account = z.infer<typeof accountSchema>;

export const eventSchema = z
  .strictObject({
    id: opaqueId('event id').meta({
      description: "The platform's unique id for this event.",
    }),
    type: z.enum(EVENT_TYPES, {
      error: `type must be one of ${EVENT_TYPES.join(', ')}`,
    }),
    occurredAt: rfc3339,
    actor: accountSchema,
    target: accountSchema,
    mutualConnections: z
      .int({ error: 'mutualConnections must be a whole number' })
      .min(0, { error: 'mutualConnections must be 0 or more' })
      .optional(),
    count: z
      .int({ error: 'count must be a whole number' })
      .min(1, { error: 'count must be at least 1' })
      .max(LIMITS.maxViewCount, {
        error: `count must be at most ${LIMITS.maxViewCount}`,
      })
      .optional(),
  })
  .refine((event) => event.count === undefined || event.type === 'post.viewed', {
    error: 'count is only allowed on post.viewed events',
    path: ['count'],
  })
  .refine((event) => event.actor.id !== event.target.id, {
    error: 'actor and target must be different accounts',
    path: ['target', 'id'],
  })
  .meta({ id: 'Event', description: 'One social action on the platform.' });
export type SocialEvent = z.infer<typeof eventSchema>;

export const deliverySchema = z
  .strictObject({
    events: z
      .array(eventSchema)
      .min(1, { error: 'events must hold at least one event' })
      .max(LIMITS.maxEventsPerDelivery, {
        error: `events must hold at most ${LIMITS.maxEventsPerDelivery} events`,
      }),
  })
  .meta({ id: 'Delivery', description: 'One signed webhook delivery.' });
export type Delivery = z.infer<typeof deliverySchema>;
