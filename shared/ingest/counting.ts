import pLimit from 'p-limit';
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

/** How often one event is re-planned when concurrent requests race it. */
const MAX_ATTEMPTS = 6;

/** Pairs of accounts counted at once; DynamoDB handles far more. */
const PARALLEL_PAIRS = 8;

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
 * Counts each event exactly once. Events between the same two accounts are
 * counted in order, since they touch the same marks; other pairs go in
 * parallel. Results come back in the order the events were given.
 */
export async function countEvents(
  activity: ActivityPort,
  platformId: string,
  events: readonly SocialEvent[],
  settings: RuleSettings,
  nowMs: number,
): Promise<CountedEvent[]> {
  const results = new Array<CountedEvent>(events.length);
  const limit = pLimit(PARALLEL_PAIRS);
  const groups = groupByPair(events);

  await Promise.all([...groups.values()].map((indexes) => limit(async () => {
    for (const index of indexes) {
      const event = events[index]!;
      results[index] = await countOne(activity, platformId, event, settings,
        nowMs);
    }
  })));
  return results;
}

async function countOne(
  activity: ActivityPort,
  platformId: string,
  event: SocialEvent,
  settings: RuleSettings,
  nowMs: number,
): Promise<CountedEvent> {
  const marks = marksNeeded(event, settings);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    if (attempt > 1) await pauseBeforeRetry(attempt);
    const state = await activity.readEventState(platformId, event, marks,
      needsConnection(event, settings));
    const plan = planEvent(event, settings, state);
    const outcome = await activity.applyEvent(platformId, event.id,
      plan.mutations, nowMs + EVENT_ID_RETENTION_MS);
    if (outcome !== 'conflict') return { event, outcome, plan };
  }
  throw new ContentionError(
    `event could not be counted after ${MAX_ATTEMPTS} attempts because ` +
      'other requests kept changing the same accounts');
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
