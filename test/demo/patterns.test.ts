import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import type { SocialEvent } from '../../shared/events/schema';
import { Directory } from '../../demo/simulation/directory';
import { formFamilies } from '../../demo/simulation/families';
import { buildFriendGraph } from '../../demo/simulation/friendships';
import { buildPopulation, isMinor } from '../../demo/simulation/population';
import { Random } from '../../demo/simulation/random';
import {
  simulatePlatform,
  type Simulation,
} from '../../demo/simulation/simulate';
import type { LookAlikeKind } from '../../demo/simulation/truth';

const START = Date.parse('2027-01-04T00:00:00Z');

let platform: Simulation;

beforeAll(() => {
  platform = simulatePlatform({ seed: 2, accounts: 1500, days: 40,
    startMs: START });
});

function playing(kind: LookAlikeKind): string[] {
  return [...platform.truth.roles].filter(([, role]) =>
    role.kind === 'look-alike' && role.as === kind).map(([id]) => id);
}

function sent(actor: string, type: SocialEvent['type']): SocialEvent[] {
  return platform.events.filter((e) => e.actor.id === actor &&
    e.type === type);
}

/** The most of `events` that fall within any `days` days. */
function busiestWindow(events: readonly SocialEvent[], days: number) {
  const times = events.map((e) => Date.parse(e.occurredAt));
  return Math.max(0, ...times.map((from) =>
    times.filter((t) => t >= from && t < from + days * DAY_MS).length));
}

describe('the benign look-alikes', () => {
  it('have teachers ask many minors of their own region', () => {
    for (const teacher of playing('teacher')) {
      const toMinors = sent(teacher, 'friend_request.sent')
        .filter((e) => isMinor(e.target));
      const local = toMinors.filter((e) =>
        e.target.region === e.actor.region);

      expect(toMinors.length).toBeGreaterThanOrEqual(10);
      expect(local.length).toBe(toMinors.length);
    }
  });

  it('have relatives send one minor 30 or more messages in two weeks', () => {
    for (const relative of playing('relative')) {
      const messages = sent(relative, 'message.sent');
      const children = new Set(messages.map((e) => e.target.id));

      expect(children.size).toBe(1);
      expect(busiestWindow(messages, 14)).toBeGreaterThanOrEqual(30);
      expect(messages.every((e) => (e.mutualConnections ?? 0) > 0 &&
        Date.parse(e.connectedSince ?? '') < START)).toBe(true);
    }
  });

  it('have creators whose posts many minors view', () => {
    for (const creator of playing('creator')) {
      const viewers = platform.events.filter((e) =>
        e.type === 'post.viewed' && e.target.id === creator &&
        isMinor(e.actor));

      expect(new Set(viewers.map((e) => e.actor.id)).size)
        .toBeGreaterThanOrEqual(10);
    }
  });

  it('have parents view 50 or more posts of 10 or more minors in a day', () => {
    for (const parent of playing('parent')) {
      const byDay = new Map<number, SocialEvent[]>();
      for (const view of sent(parent, 'post.viewed')) {
        const day = Math.floor((Date.parse(view.occurredAt) - START) / DAY_MS);
        byDay.set(day, [...(byDay.get(day) ?? []), view]);
      }
      const busiest = [...byDay.values()].map((views) => ({
        views: views.reduce((sum, e) => sum + (e.count ?? 1), 0),
        minors: new Set(views.map((e) => e.target.id)).size,
      })).sort((a, b) => b.views - a.views)[0];

      expect(busiest?.views).toBeGreaterThanOrEqual(50);
      expect(busiest?.minors).toBeGreaterThanOrEqual(10);
    }
  });

  it('have networkers send most of their requests to adults', () => {
    for (const networker of playing('networker')) {
      const requests = sent(networker, 'friend_request.sent');
      const toMinors = requests.filter((e) => isMinor(e.target));

      expect(requests.length).toBeGreaterThanOrEqual(40);
      expect(toMinors.length / requests.length).toBeLessThan(0.2);
    }
  });
});

describe('the planted real case', () => {
  it('sends one cold message, then messages heavily for 13 days', () => {
    const groomer = platform.truth.groomers
      .find((g) => g.pattern === 'real-case');
    const messages = sent(groomer?.accountId ?? '', 'message.sent');
    const days = new Set(messages.map((e) =>
      Math.floor((Date.parse(e.occurredAt) - START) / DAY_MS)));
    const [first] = messages;

    expect(new Set(messages.map((e) => e.target.id)).size).toBe(1);
    expect(first?.mutualConnections).toBe(0);
    expect(messages.some((e) => e.connectedSince !== undefined)).toBe(false);
    expect(first?.target.region).not.toBe(first?.actor.region);
    expect(days.size).toBe(14);
    expect(messages.length).toBeGreaterThan(13 * 8);
  });
});

describe('the friend graph', () => {
  it('clusters friendships within regions', () => {
    const random = new Random(1);
    const directory = new Directory(buildPopulation(random.fork('p'), 2000));
    const families = formFamilies(random.fork('f'), directory);
    const graph = buildFriendGraph(random.fork('g'), directory, families,
      START);

    let same = 0;
    let placed = 0;
    for (const member of directory.members) {
      for (const friend of graph.friendsOf(member.id)) {
        const region = directory.get(friend).region;
        if (!member.region || !region) continue;
        placed += 1;
        if (region === member.region) same += 1;
      }
    }
    expect(same / placed).toBeGreaterThan(0.6);
  });
});
