import type { Dimension } from '../counters/model';

/**
 * Item keys. Everything about one account lives under one partition key so
 * that a rule's look-back is a single Query; a connection, which belongs to
 * two accounts, lives under one of them. Ids from platforms are encoded
 * so a `#` inside them cannot be confused with a separator.
 */
const enc = encodeURIComponent;

export interface Key {
  pk: string;
  sk: string;
}

export const keys = {
  /** Marks an event id as counted, for idempotency. */
  event: (platformId: string, eventId: string): Key => ({
    pk: `E#${platformId}#${enc(eventId)}`,
    sk: 'E',
  }),

  account: (platformId: string, accountId: string) =>
    `A#${platformId}#${enc(accountId)}`,

  day: (platformId: string, accountId: string, day: string): Key => ({
    pk: keys.account(platformId, accountId),
    sk: `D#${day}`,
  }),

  hour: (platformId: string, accountId: string, hour: string): Key => ({
    pk: keys.account(platformId, accountId),
    sk: `H#${hour}`,
  }),

  pairDay: (
    platformId: string,
    accountId: string,
    otherId: string,
    day: string,
  ): Key => ({
    pk: keys.account(platformId, accountId),
    sk: `${keys.pairPrefix(otherId)}${day}`,
  }),

  pairPrefix: (otherId: string) => `P#${enc(otherId)}#`,

  mark: (
    platformId: string,
    accountId: string,
    dimension: Dimension,
    otherId: string,
  ): Key => ({
    pk: keys.account(platformId, accountId),
    sk: `${keys.markPrefix(dimension)}${enc(otherId)}`,
  }),

  markPrefix: (dimension: Dimension) => `M#${dimension}#`,

  /**
   * The one item that says whether two accounts are connected, the same
   * whichever of them is named first: it lives with the lesser id, so a
   * connection change is one write, not one per side.
   */
  connection: (platformId: string, accountId: string, otherId: string): Key => {
    const [first, second] = accountId < otherId ? [accountId, otherId]
      : [otherId, accountId];
    return { pk: keys.account(platformId, first), sk: `C#${enc(second)}` };
  },

  /** The one open flag of an account for a rule. */
  openFlag: (platformId: string, accountId: string, ruleId: string): Key => ({
    pk: keys.account(platformId, accountId),
    sk: `O#${ruleId}`,
  }),

  flag: (platformId: string, flagId: string): Key => ({
    pk: `P#${platformId}`,
    sk: `${keys.flagPrefix}${flagId}`,
  }),

  flagPrefix: 'F#',
} as const;
