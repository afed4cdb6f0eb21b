import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../shared/counters/model';
import { markId, type EventState } from '../../shared/counters/plan';
import type { SocialEvent } from '../../shared/events/schema';
import { ContentionError, countEvents } from '../../shared/ingest/counting';
import type { ActivityPort } from '../../shared/ingest/ports';
import { RuleBook } from '../../shared/rules/rule-book';
import { NOW, adult, event, minor } from '../support/events';

const SETTINGS = RuleBook.defaults().settingsFor('demo');

type Outcome = 'applied' | 'duplicate' | 'conflict' | 'replan';

/**
 * Storage that answers each write with the next scripted outcome. A lost
 * race means another request counted the minor first, so later reads show
 * their mark as counted.
 */
function scriptedStore(outcomes: Outcome[]) {
  const applied: { eventId: string; mutations: readonly Mutation[] }[] = [];
  const counted = new Map<string, number>();
  const reads: string[] = [];
  const rounds: string[][] = [];
  const port: Pick<ActivityPort, 'readEventStates' | 'applyEvents'> = {
    readEventStates: async (_platform, requests) => {
      reads.push(...requests.map((r) => r.event.id));
      return requests.map(({ marks }): EventState => ({
        connectedSinceMs: null,
        markCountedAtMs: new Map(marks.map((m) =>
          [markId(m), counted.get(m.other) ?? null])),
      }));
    },
    applyEvents: async (_platform, writes) => {
      rounds.push(writes.map((w) => w.eventId));
      return writes.map(({ eventId, mutations }) => {
        const outcome = outcomes.shift() ?? 'applied';
        if (outcome === 'conflict') counted.set('minor-1', NOW - 60_000);
        if (outcome === 'applied') applied.push({ eventId, mutations });
        return outcome;
      });
    },
  };
  return { port, applied, reads, rounds };
}

const asActivity = (port: Pick<ActivityPort, 'readEventStates' |
  'applyEvents'>): ActivityPort => ({
  ...port,
  readSubjectActivity: () => expect.fail('not read while counting'),
  readPairActivity: () => expect.fail('not read while counting'),
  readCounted: () => expect.fail('not read while counting'),
  readPairEvents: () => expect.fail('not read while counting'),
});

const request = (): SocialEvent =>
  event('friend_request.sent', adult('adult-1'), minor('minor-1'));

describe('countEvents', () => {
  it('reads again and plans again after losing a race', async () => {
    const store = scriptedStore(['conflict', 'applied']);
    const e = request();

    const [result] = await countEvents(asActivity(store.port), 'demo', [e],
      SETTINGS, NOW);

    expect(store.reads).toEqual([e.id, e.id]);
    expect(result?.outcome).toBe('applied');
    expect(store.applied[0]?.mutations.map((m) => m.kind))
      .toEqual(['count-day']);
  });

  it('gives up after six lost races with a message to retry', async () => {
    const store = scriptedStore(Array(6).fill('conflict'));

    const counting = countEvents(asActivity(store.port), 'demo', [request()],
      SETTINGS, NOW);

    await expect(counting).rejects.toBeInstanceOf(ContentionError);
    await expect(counting).rejects.toThrow('event could not be counted ' +
      'after 6 attempts because other requests kept changing the same ' +
      'accounts');
  });

  it('plans again, without counting a lost race, an event refused with its '
    + 'chunk', async () => {
    const store = scriptedStore([...Array(7).fill('replan'), 'applied']);

    const [result] = await countEvents(asActivity(store.port), 'demo',
      [request()], SETTINGS, NOW);

    expect(result?.outcome).toBe('applied');
    expect(store.reads).toHaveLength(8);
  });

  it('reports a duplicate without applying anything', async () => {
    const store = scriptedStore(['duplicate']);

    const [result] = await countEvents(asActivity(store.port), 'demo',
      [request()], SETTINGS, NOW);

    expect(result?.outcome).toBe('duplicate');
    expect(store.applied).toEqual([]);
  });

  it('counts events of one pair in delivery order, results in order',
    async () => {
      const store = scriptedStore([]);
      const suspect = adult('adult-1');
      const events = [
        event('message.sent', suspect, minor('minor-1')),
        event('block.created', minor('minor-2'), suspect),
        event('friend_request.sent', suspect, minor('minor-1')),
      ];

      const results = await countEvents(asActivity(store.port), 'demo',
        events, SETTINGS, NOW);

      expect(results.map((r) => r.event.id)).toEqual(events.map((e) => e.id));
      const pairOrder = store.applied.map((a) => a.eventId)
        .filter((id) => id !== events[1]!.id);
      expect(pairOrder).toEqual([events[0]!.id, events[2]!.id]);
    });

  it('plans the events of a pair in order against one read, with others',
    async () => {
      const store = scriptedStore([]);
      const suspect = adult('adult-1');
      const [first, other, second] = [
        event('message.sent', suspect, minor('minor-1')),
        event('message.sent', suspect, minor('minor-2')),
        event('message.sent', suspect, minor('minor-1'), { minutesAgo: 5 }),
      ];

      await countEvents(asActivity(store.port), 'demo', [first!, other!,
        second!], SETTINGS, NOW);

      expect(store.reads).toEqual([first!.id, other!.id]);
      expect(store.rounds).toEqual([[first!.id, second!.id, other!.id]]);
    });

  it('holds back a repeated id to a later round', async () => {
    const store = scriptedStore(['applied', 'duplicate']);
    const original = request();
    const repeat = { ...original,
      actor: adult('adult-2'), target: minor('minor-2') };

    const results = await countEvents(asActivity(store.port), 'demo',
      [original, repeat], SETTINGS, NOW);

    expect(store.rounds).toEqual([[original.id], [original.id]]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'duplicate']);
  });

  it('plans again only the events that lost their race', async () => {
    const store = scriptedStore(['applied', 'conflict', 'applied']);
    const [won, lost] = [request(),
      event('friend_request.sent', adult('adult-2'), minor('minor-1'))];

    const results = await countEvents(asActivity(store.port), 'demo',
      [won, lost], SETTINGS, NOW);

    expect(store.rounds).toEqual([[won.id, lost.id], [lost.id]]);
    expect(results.map((r) => r.outcome)).toEqual(['applied', 'applied']);
  });
});
