import type { SocialEvent } from '../events/schema';
import { planPairChunk } from '../counters/chunk';
import {
  marksNeeded,
  needsConnection,
  type EventPlan,
} from '../counters/plan';
import type { RuleSettings } from '../rules/config';
import { MAX_WRITES_PER_COMMIT, type ActivityPort } from './ports';
import { EVENT_ID_RETENTION_MS } from './timeliness';

/** How often an event is re-planned when concurrent requests race it. */
const MAX_ATTEMPTS = 6;

/**
 * The most events of one pair planned against one read. A transaction
 * holds at most 100 writes, one marker per event among them, so a burst
 * of a few hundred messages between two accounts takes a few rounds.
 */
const MAX_EVENTS_PER_CHUNK = 100;

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
 * Counts each event exactly once, in rounds. Each round takes the waiting
 * events of every pair of accounts, reads what their plans depend on at
 * once, plans each pair's events in order against that read (each seeing
 * what the ones before it will write), and commits them together, so that
 * additions to one counter merge and a burst between two accounts costs a
 * few round trips, not one per event. Events that lost a race to another
 * request wait for the next round, after a pause. Results come back in
 * the order the events were given.
 */
export async function countEvents(
  activity: ActivityPort,
  platformId: string,
  events: readonly SocialEvent[],
  settings: RuleSettings,
  nowMs: number,
): Promise<CountedEvent[]> {
  const results = new Array<CountedEvent>(events.length);
  const attempts = new Array<number>(events.length).fill(0);
  const queues = [...groupByPair(events).values()];
  const waiting: Waiting = { firstOfId: firstOccurrences(events),
    settled: new Set(), refused: new Set() };
  while (queues.some((queue) => queue.length > 0)) {
    const lostBefore = Math.max(0, ...queues.flatMap((queue) =>
      queue.map((i) => attempts[i]!)));
    if (lostBefore > 0) await pauseBeforeRetry(lostBefore + 1);

    const candidates = takeCandidates(queues, events, waiting);
    const chunks = await planChunks(activity, platformId, candidates,
      events, settings);
    const planned = chunks.flatMap((chunk, c) => chunk.map((step) =>
      ({ ...step, chunk: c })));
    const outcomes = await activity.applyEvents(platformId,
      planned.map(({ index, plan, chunk }) => ({ eventId: events[index]!.id,
        mutations: plan.mutations, chunk })),
      nowMs + EVENT_ID_RETENTION_MS);

    // What was not settled goes back to the front of its pair's queue.
    planned.forEach(({ index, plan }, k) => {
      const outcome = outcomes[k]!;
      if (outcome === 'replan') {
        waiting.refused.add(index);
        return;
      }
      if (outcome === 'conflict') {
        attempts[index] = attempts[index]! + 1;
        if (attempts[index]! >= MAX_ATTEMPTS) throw contention();
        return;
      }
      results[index] = { event: events[index]!, outcome, plan };
      waiting.settled.add(index);
    });
    for (const candidate of candidates) {
      queues[candidate.queue]!.unshift(
        ...candidate.indexes.filter((i) => !waiting.settled.has(i)));
    }
  }
  return results;
}

/** The waiting events of one pair that a round considers. */
interface Candidate {
  queue: number;
  indexes: number[];
}

/** One event of a chunk with its plan. */
interface Step {
  index: number;
  plan: EventPlan;
}

/** What decides which waiting events a round may take. */
interface Waiting {
  /** Where each id first occurs in the delivery. */
  firstOfId: ReadonlyMap<string, number>;
  /** Events counted or found to be duplicates. */
  settled: Set<number>;
  /** Events refused only because another event of their chunk was. */
  refused: Set<number>;
}

/**
 * Takes the waiting events of each pair, in order. An id seen again waits
 * until its first occurrence has settled, so the first version is the
 * one counted and a repeat is a duplicate. Events refused with a chunk
 * are sent again on their own: the chunk also held a duplicate, so the
 * events after them may hold more, and a chunk without those commits.
 */
function takeCandidates(
  queues: number[][],
  events: readonly SocialEvent[],
  waiting: Waiting,
): Candidate[] {
  const candidates: Candidate[] = [];
  queues.forEach((queue, q) => {
    const refusedHead = queue[0] !== undefined &&
      waiting.refused.has(queue[0]);
    let taken = 0;
    while (taken < queue.length && taken < MAX_EVENTS_PER_CHUNK) {
      const index = queue[taken]!;
      const first = waiting.firstOfId.get(events[index]!.id)!;
      const mayCount = first === index || waiting.settled.has(first);
      if (!mayCount || (refusedHead && !waiting.refused.has(index))) break;
      taken += 1;
    }
    const indexes = queue.splice(0, taken);
    indexes.forEach((i) => waiting.refused.delete(i));
    if (taken > 0) candidates.push({ queue: q, indexes });
  });
  return candidates;
}

function firstOccurrences(events: readonly SocialEvent[]):
  Map<string, number> {
  const first = new Map<string, number>();
  events.forEach((event, i) => {
    if (!first.has(event.id)) first.set(event.id, i);
  });
  return first;
}

/**
 * Reads the state of every candidate pair in one batch and plans as many
 * of each pair's events as one transaction can hold.
 */
async function planChunks(
  activity: ActivityPort,
  platformId: string,
  candidates: readonly Candidate[],
  events: readonly SocialEvent[],
  settings: RuleSettings,
): Promise<Step[][]> {
  const states = await activity.readEventStates(platformId,
    candidates.map(({ indexes }) => {
      const pairEvents = indexes.map((i) => events[i]!);
      return {
        event: pairEvents[0]!,
        marks: pairEvents.flatMap((e) => marksNeeded(e, settings)),
        withConnection: pairEvents.some((e) => needsConnection(e, settings)),
      };
    }));
  return candidates.map(({ indexes }, c) => {
    const plans = planPairChunk(indexes.map((i) => events[i]!), settings,
      states[c]!, MAX_WRITES_PER_COMMIT);
    return plans.map((plan, k) => ({ index: indexes[k]!, plan }));
  });
}

function contention(): ContentionError {
  return new ContentionError(
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
