import type { SocialEvent } from '../events/schema';
import {
  marksNeeded,
  needsConnection,
  planEvent,
  type EventPlan,
} from '../counters/plan';
import type { RuleSettings } from '../rules/config';
import type { ActivityPort } from './ports';
import { EVENT_ID_RETENTION_MS } from './timeliness';

/** How often an event is re-planned when concurrent requests race it. */
const MAX_ATTEMPTS = 6;

/** Raised when an event kept losing races; the platform should retry. */
export class ContentionError extends Error {
  override name = 'ContentionError';
}

export interface CountedEvent {
  event: SocialEvent;
  outcome: 'applied' | 'duplicate';
  plan: EventPlan;
}

/**
 * Counts each event exactly once, in rounds: each round takes the next
 * event of every pair of accounts, reads what their plans depend on at
 * once, plans them and commits them together, so that additions to one
 * counter merge. Events between the same two accounts touch the same
 * marks, so they are counted one round after another, in delivery order.
 * Results come back in the order the events were given.
 */
export async function countEvents(
  activity: ActivityPort,
  platformId: string,
  events: readonly SocialEvent[],
  settings: RuleSettings,
  nowMs: number,
): Promise<CountedEvent[]> {
  const results = new Array<CountedEvent>(events.length);
  const queues = [...groupByPair(events).values()];
  for (let round = nextRound(queues, events); round.length > 0;
    round = nextRound(queues, events)) {
    const counted = await countRound(activity, platformId,
      round.map((i) => events[i]!), settings, nowMs);
    round.forEach((index, k) => { results[index] = counted[k]!; });
  }
  return results;
}

/**
 * Takes the first waiting event of each pair. An id seen twice waits for a
 * later round, where its marker tells it is a duplicate: one transaction
 * may not write the same marker twice.
 */
function nextRound(
  queues: number[][],
  events: readonly SocialEvent[],
): number[] {
  const ids = new Set<string>();
  const round: number[] = [];
  for (const queue of queues) {
    const head = queue[0];
    if (head === undefined || ids.has(events[head]!.id)) continue;
    ids.add(events[head]!.id);
    round.push(head);
    queue.shift();
  }
  return round;
}

/**
 * Counts events of different pairs. Those that lost a race to another
 * request are read and planned again, after a pause, up to MAX_ATTEMPTS.
 */
async function countRound(
  activity: ActivityPort,
  platformId: string,
  events: readonly SocialEvent[],
  settings: RuleSettings,
  nowMs: number,
): Promise<CountedEvent[]> {
  const results = new Array<CountedEvent>(events.length);
  let pending = events.map((_, i) => i);
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    if (attempt > MAX_ATTEMPTS) {
      throw new ContentionError(
        `event could not be counted after ${MAX_ATTEMPTS} attempts ` +
          'because other requests kept changing the same accounts');
    }
    if (attempt > 1) await pauseBeforeRetry(attempt);

    const states = await activity.readEventStates(platformId,
      pending.map((i) => ({
        event: events[i]!,
        marks: marksNeeded(events[i]!, settings),
        withConnection: needsConnection(events[i]!, settings),
      })));
    const plans = pending.map((i, k) =>
      planEvent(events[i]!, settings, states[k]!));
    const outcomes = await activity.applyEvents(platformId,
      pending.map((i, k) => ({ eventId: events[i]!.id,
        mutations: plans[k]!.mutations })),
      nowMs + EVENT_ID_RETENTION_MS);

    const lost: number[] = [];
    pending.forEach((i, k) => {
      const outcome = outcomes[k]!;
      if (outcome === 'conflict') lost.push(i);
      else results[i] = { event: events[i]!, outcome, plan: plans[k]! };
    });
    pending = lost;
  }
  return results;
}

/**
 * Racing requests that retry at once collide again; a short, growing,
 * jittered pause lets one of them through.
 */
function pauseBeforeRetry(attempt: number): Promise<void> {
  const ceilingMs = 10 * 2 ** (attempt - 1);
  const ms = ceilingMs / 2 + Math.random() * ceilingMs / 2;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function groupByPair(events: readonly SocialEvent[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  events.forEach((event, index) => {
    const pair = JSON.stringify([event.actor.id, event.target.id].sort());
    const group = groups.get(pair) ?? [];
    group.push(index);
    groups.set(pair, group);
  });
  return groups;
}
