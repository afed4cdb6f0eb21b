import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import { eventSchema, type SocialEvent } from '../../shared/events/schema';
import { RULE_IDS } from '../../shared/rules/config';
import { isMinor } from '../../demo/simulation/population';
import {
  simulatePlatform,
  type Simulation,
} from '../../demo/simulation/simulate';
import { LOOK_ALIKE_KINDS, roleOf } from '../../demo/simulation/truth';

const START = Date.parse('2027-01-04T00:00:00Z');
const small = { seed: 3, accounts: 600, days: 35, startMs: START };

let platform: Simulation;

beforeAll(() => {
  platform = simulatePlatform({ seed: 1, accounts: 3000, days: 40,
    startMs: START });
});

function share(part: number, whole: number): number {
  return part / whole;
}

describe('simulatePlatform', () => {
  it('replays the same platform for the same seed', () => {
    const first = simulatePlatform(small);
    const second = simulatePlatform(small);

    expect(second.events).toEqual(first.events);
    expect(second.truth.groomers).toEqual(first.truth.groomers);
  });

  it('simulates a different platform for a different seed', () => {
    const other = simulatePlatform({ ...small, seed: 4 });

    expect(other.events.slice(0, 20))
      .not.toEqual(simulatePlatform(small).events.slice(0, 20));
  });

  it('makes about a fifth of the accounts minors', () => {
    const minors = platform.members.filter(isMinor).length;

    expect(share(minors, platform.members.length)).toBeGreaterThan(0.17);
    expect(share(minors, platform.members.length)).toBeLessThan(0.23);
  });

  it('gives friend counts a heavy tail', () => {
    const counts = [...platform.friendCounts].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)] ?? 0;
    const top = counts[Math.floor(counts.length * 0.99)] ?? 0;

    expect(median).toBeGreaterThan(15);
    expect(median).toBeLessThan(40);
    expect(top).toBeGreaterThan(3 * median);
  });

  it('has ordinary requests accepted about 19% cold, 59% with a mutual', () => {
    const ordinary = platform.requests.filter((request) =>
      roleOf(platform.truth, request.from).kind === 'ordinary');
    const rate = (mutual: boolean) => {
      const asked = ordinary.filter((r) =>
        (r.mutualConnections > 0) === mutual);
      return share(asked.filter((r) => r.answer === 'accepted').length,
        asked.length);
    };

    expect(Math.abs(rate(false) - 0.19)).toBeLessThan(0.06);
    expect(Math.abs(rate(true) - 0.59)).toBeLessThan(0.05);
  });

  it('plants a groomer for every rule', () => {
    const rules = new Set(platform.truth.groomers.map((g) => g.rule));

    expect([...rules].sort()).toEqual([...RULE_IDS].sort());
  });

  it('casts every kind of benign look-alike', () => {
    const kinds = new Set([...platform.truth.roles.values()]
      .flatMap((role) => role.kind === 'look-alike' ? [role.as] : []));

    expect([...kinds].sort()).toEqual([...LOOK_ALIKE_KINDS].sort());
  });

  it('sends only valid events, in time order, within the days', () => {
    const times = platform.events.map((e) => Date.parse(e.occurredAt));
    const invalid = platform.events.filter((e) =>
      !eventSchema.safeParse(e).success);

    expect(invalid).toEqual([]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START);
    expect(Math.max(...times)).toBeLessThan(START + 40 * DAY_MS);
  });
});
