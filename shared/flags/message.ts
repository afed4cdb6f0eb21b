import type { FlagAttributes } from './routing';
import { reviewPaths } from './paths';
import type { Flag } from './flag';

/** Bumped when a field changes meaning or goes; new fields do not bump it. */
export const FLAG_MESSAGE_VERSION = 1;

/**
 * Counterparts a message lists; the rest are counted, and the review API
 * has them all. Ten show the pattern without growing the message.
 */
export const MESSAGE_COUNTERPART_LIMIT = 10;

/** Regions a message lists, for the same reason. */
export const MESSAGE_REGION_LIMIT = 50;

/** SNS refuses a message larger than this, attributes included. */
export const SNS_MAX_MESSAGE_BYTES = 256 * 1024;

/** Raised for a flag too large to publish; it is retried, then parked. */
export class FlagMessageTooLargeError extends Error {
  override name = 'FlagMessageTooLargeError';
}

/**
 * What moderators' tools receive for each new flag: String attributes to
 * route and deduplicate on, and a JSON body summarising the flag.
 */
export interface FlagMessage {
  attributes: FlagAttributes & { readonly flagId: string };
  body: FlagMessageBody;
  /** The body as sent. */
  json: string;
}

export type FlagMessageBody = ReturnType<typeof summarise>;

/** The message for a flag; the flag's schema has validated every id. */
export function flagMessage(flag: Flag): FlagMessage {
  const attributes = {
    platform: flag.platformId,
    rule: flag.ruleId,
    severity: flag.severity,
    flagId: flag.flagId,
  };
  const body = summarise(flag);
  const json = JSON.stringify(body);

  const size = Buffer.byteLength(json) + Object.entries(attributes)
    .reduce((sum, [name, value]) =>
      sum + Buffer.byteLength(name) + Buffer.byteLength(value), 0);
  if (size > SNS_MAX_MESSAGE_BYTES) {
    throw new FlagMessageTooLargeError(`flag ${flag.flagId} makes a ` +
      `${size}-byte message; SNS takes at most ${SNS_MAX_MESSAGE_BYTES}`);
  }
  return { attributes, body, json };
}

function summarise(flag: Flag) {
  const counterparts = flag.counterparts.slice(0, MESSAGE_COUNTERPART_LIMIT);
  const regions = flag.regionsInvolved.slice(0, MESSAGE_REGION_LIMIT);
  return {
    kind: 'vigil.flag' as const,
    version: FLAG_MESSAGE_VERSION,
    flagId: flag.flagId,
    platformId: flag.platformId,
    accountId: flag.accountId,
    ruleId: flag.ruleId,
    ruleVersion: flag.ruleVersion,
    severity: flag.severity,
    raisedAt: flag.raisedAt,
    window: flag.window,
    measurements: flag.measurements,
    subject: flag.subject,
    counterpartCount: flag.counterpartCount,
    counterparts: counterparts.map((c) => ({
      accountId: c.accountId,
      ageBand: c.ageBand,
      region: c.region,
      eventId: c.eventId,
      occurredAt: c.occurredAt,
    })),
    // Entries of the flag's evidence list left out here, not minors: a
    // messaging flag lists several events with the one minor.
    counterpartsOmitted: flag.counterparts.length - counterparts.length,
    regionsInvolved: regions,
    regionsOmitted: flag.regionsInvolved.length - regions.length,
    triggeringEventIds: flag.triggeringEventIds,
    supersedes: flag.supersedes,
    links: reviewPaths(flag.platformId, flag.flagId),
  };
}
