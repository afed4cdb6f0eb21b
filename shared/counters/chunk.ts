import type { SocialEvent } from '../events/schema';
import type { RuleSettings } from '../rules/config';
import type { Mutation } from './model';
import { markId, planEvent, type EventPlan, type EventState } from './plan';

/**
 * What a change writes to, as a string: two changes with the same target
 * write the same stored item.
 */
export function targetOf(mutation: Mutation): string {
  switch (mutation.kind) {
    case 'count-day':
      return JSON.stringify(['day', mutation.account, mutation.day]);
    case 'count-hour':
      return JSON.stringify(['hour', mutation.account, mutation.hour]);
    case 'count-pair-messages':
      return JSON.stringify(['pair', mutation.account,
        mutation.counterpart.accountId, mutation.day]);
    case 'mark-distinct':
      return JSON.stringify(['mark', markId(mutation.key)]);
    case 'connect':
    case 'disconnect':
      return JSON.stringify(['tie', ...[mutation.a, mutation.b].sort()]);
  }
}

/**
 * Whether two changes to one target can be written as one. Additions
 * commute, so they can; a mark or a connection is written on condition of
 * what was read before planning, so a second change to one cannot join
 * the first.
 */
export function canMerge(a: Mutation, b: Mutation): boolean {
  return a.kind === b.kind && (a.kind === 'count-day' ||
    a.kind === 'count-hour' || a.kind === 'count-pair-messages');
}

/** One change standing for two to the same target; see canMerge. */
export function mergeMutations(a: Mutation, b: Mutation): Mutation {
  if (a.kind === 'count-day' && b.kind === 'count-day') {
    return { ...a, add: sum(a.add, b.add),
      expiresAtMs: Math.max(a.expiresAtMs, b.expiresAtMs) };
  }
  if (a.kind === 'count-hour' && b.kind === 'count-hour') {
    return { ...a, add: sum(a.add, b.add),
      expiresAtMs: Math.max(a.expiresAtMs, b.expiresAtMs) };
  }
  if (a.kind === 'count-pair-messages' && b.kind === 'count-pair-messages') {
    return { ...b, messages: a.messages + b.messages,
      firstEvent: a.firstEvent ?? a.event,
      expiresAtMs: Math.max(a.expiresAtMs, b.expiresAtMs) };
  }
  throw new Error(`cannot merge a ${a.kind} change with a ${b.kind} change`);
}

/**
 * Plans consecutive events between the same two accounts against one read
 * of their state, each event seeing what those before it will write, so
 * that a burst of messages from one adult to one child commits as one
 * transaction rather than one after another. Returns the plans of as many
 * events, from the first, as fit: it stops before an event that would
 * change a mark or the connection a second time, or that would take the
 * chunk past `maxWrites` writes counting one id marker per event.
 */
export function planPairChunk(
  events: readonly SocialEvent[],
  settings: RuleSettings,
  state: EventState,
  maxWrites: number,
): EventPlan[] {
  const plans: EventPlan[] = [];
  const written = new Map<string, Mutation>();
  let current = state;
  for (const event of events) {
    const plan = planEvent(event, settings, current);
    const added = plan.mutations.map(targetOf)
      .filter((target, i, all) => !written.has(target) &&
        all.indexOf(target) === i).length;
    const clashes = plan.mutations.some((mutation) => {
      const earlier = written.get(targetOf(mutation));
      return earlier !== undefined && !canMerge(earlier, mutation);
    });
    const size = plans.length + 1 + written.size + added;
    if (plans.length > 0 && (clashes || size > maxWrites)) break;

    plans.push(plan);
    for (const mutation of plan.mutations) {
      const target = targetOf(mutation);
      const earlier = written.get(target);
      written.set(target, earlier ? mergeMutations(earlier, mutation)
        : mutation);
    }
    current = stateAfter(current, plan.mutations);
  }
  return plans;
}

/** The state the next event of the pair will find once these apply. */
function stateAfter(state: EventState, mutations: readonly Mutation[]):
  EventState {
  const marks = new Map(state.markCountedAtMs);
  const next: EventState = { ...state, markCountedAtMs: marks };
  for (const mutation of mutations) {
    if (mutation.kind === 'mark-distinct') {
      marks.set(markId(mutation.key), mutation.countedAtMs);
    } else if (mutation.kind === 'connect') {
      next.connectedSinceMs ??= mutation.sinceMs;
      next.connectionChangedAtMs = mutation.sinceMs;
    } else if (mutation.kind === 'disconnect') {
      next.connectedSinceMs = null;
      next.connectionChangedAtMs = mutation.atMs;
    }
  }
  return next;
}

type Additions<K extends string> = Partial<Record<K, number>>;

function sum<K extends string>(a: Additions<K>, b: Additions<K>): Additions<K> {
  const total: Additions<K> = { ...a };
  for (const name of Object.keys(b) as K[]) {
    total[name] = (total[name] ?? 0) + (b[name] ?? 0);
  }
  return total;
}
