import { describe, expect, it } from 'vitest';
import {
  mergeMutations,
  planPairChunk,
  targetOf,
} from '../../shared/counters/chunk';
import type { Mutation } from '../../shared/counters/model';
import { RuleBook } from '../../shared/rules/rule-book';
import { adult, minor } from '../support/events';
import { AT_MS, eventAt, refOf, stored } from './planning';

const SETTINGS = RuleBook.defaults().settingsFor('demo');
const suspect = adult('adult-1', 'GB-DBY');
const child = minor('minor-1', 'GB-LND');

const kinds = (mutations: readonly Mutation[]) => mutations.map((m) => m.kind);

describe('planPairChunk', () => {
  it('lets each message see the mark the one before it sets', () => {
    const messages = [1, 2, 3].map(() =>
      eventAt('message.sent', suspect, child));

    const plans = planPairChunk(messages, SETTINGS, stored(), 100);

    expect(plans.map((p) => kinds(p.mutations))).toEqual([
      ['count-pair-messages', 'mark-distinct', 'count-day'],
      ['count-pair-messages'],
      ['count-pair-messages'],
    ]);
  });

  it('treats a child as connected once an acceptance before it applies',
    () => {
      const accepted = eventAt('friend_request.accepted', child, suspect);
      const request = eventAt('follow.created', suspect, child);

      const [, follow] = planPairChunk([accepted, request], SETTINGS,
        stored(), 100);

      // Connected, so no mark and no unlinked minor: only the request totals.
      expect(follow?.mutations).toEqual([expect.objectContaining({
        kind: 'count-day', add: { requests: 1, requestsToMinors: 1 } })]);
    });

  it('stops before a second change of the connection', () => {
    const accepted = eventAt('friend_request.accepted', child, suspect);
    const removed = eventAt('connection.removed', suspect, child,
      { occurredAt: new Date(AT_MS + 60_000).toISOString() });

    const plans = planPairChunk([accepted, removed], SETTINGS, stored(), 100);

    expect(plans).toHaveLength(1);
  });

  it('stops before the writes, one marker each, pass the limit', () => {
    const messages = Array.from({ length: 10 }, () =>
      eventAt('message.sent', suspect, child));

    // The first writes its marker and three items; each next one a marker.
    const plans = planPairChunk(messages, SETTINGS, stored(), 8);

    expect(plans).toHaveLength(5);
  });

  it('always plans the first event', () => {
    const plans = planPairChunk([eventAt('message.sent', suspect, child)],
      SETTINGS, stored(), 1);

    expect(plans).toHaveLength(1);
  });
});

describe('mergeMutations', () => {
  it('adds messages to one pair and day, keeping the first and last event',
    () => {
      const [a, b, c] = [1, 2, 3].map(() =>
        eventAt('message.sent', suspect, child));
      const pairWrite = (e: typeof a) => planPairChunk([e!], SETTINGS,
        stored(), 100)[0]!.mutations[0]!;

      const merged = [b, c].map(pairWrite).reduce(mergeMutations,
        pairWrite(a));

      expect(merged).toMatchObject({ kind: 'count-pair-messages',
        messages: 3, firstEvent: refOf(a!), event: refOf(c!) });
      expect(targetOf(merged)).toBe(targetOf(pairWrite(a)));
    });

  it('refuses to merge writes that carry conditions', () => {
    const [mark] = planPairChunk([eventAt('block.created', child, suspect)],
      SETTINGS, stored(), 100)[0]!.mutations;

    expect(() => mergeMutations(mark!, mark!)).toThrow(
      'cannot merge a mark-distinct change with a mark-distinct change');
  });
});
