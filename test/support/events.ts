import type { Account, SocialEvent } from '../../shared/events/schema';

let sequence = 0;

/** A fixed instant the tests treat as "now". */
export const NOW = Date.parse('2026-12-03T12:00:00Z');

export const adult = (id: string, region = 'GB-DBY'): Account => ({
  id, ageBand: '18_plus', region,
});

export const minor = (id: string, region = 'GB-LND'): Account => ({
  id, ageBand: '13_15', region,
});

/** An event with a unique id, happening `minutesAgo` before NOW. */
export function event(
  type: SocialEvent['type'],
  actor: Account,
  target: Account,
  extra: Partial<SocialEvent> & { minutesAgo?: number } = {},
): SocialEvent {
  const { minutesAgo = 1, ...rest } = extra;
  sequence += 1;
  return {
    id: `evt-${sequence}-${Math.random().toString(36).slice(2, 8)}`,
    type,
    occurredAt: new Date(NOW - minutesAgo * 60_000).toISOString(),
    actor,
    target,
    ...rest,
  };
}
