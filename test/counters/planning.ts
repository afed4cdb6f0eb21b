import type { DistinctMarkKey } from '../../shared/counters/model';
import { markId, type EventState } from '../../shared/counters/plan';
import type { Account, SocialEvent } from '../../shared/events/schema';
import { event } from '../support/events';

/** When the planned events happen: an hour before the tests' NOW. */
export const AT = '2026-12-03T11:00:00.000Z';
export const AT_MS = Date.parse(AT);

/** Start of AT's UTC day. */
export const AT_DAY_MS = Date.parse('2026-12-03T00:00:00Z');

/** An event happening at AT. */
export const eventAt = (
  type: SocialEvent['type'],
  actor: Account,
  target: Account,
  extra: Partial<SocialEvent> = {},
): SocialEvent => event(type, actor, target, { occurredAt: AT, ...extra });

/**
 * Stored state: a connection Vigil learned, when the pair's connection
 * last changed, and marks already counted.
 */
export function stored(state: {
  connectedSinceMs?: number;
  connectionChangedAtMs?: number;
  marks?: [DistinctMarkKey, number][];
} = {}): EventState {
  return {
    connectedSinceMs: state.connectedSinceMs ?? null,
    connectionChangedAtMs: state.connectionChangedAtMs ?? null,
    markCountedAtMs: new Map((state.marks ?? []).map(
      ([key, countedAtMs]) => [markId(key), countedAtMs])),
  };
}

/** The evidence reference a mutation keeps of the event that made it. */
export const refOf = (e: SocialEvent) =>
  ({ eventId: e.id, occurredAt: e.occurredAt });

/** What a mutation records of the minor involved. */
export const counterpartOf = (account: Account) => ({
  accountId: account.id,
  ageBand: account.ageBand,
  region: account.region,
});
