import { describe, expect, it } from 'vitest';
import { Random } from '../../demo/simulation/random';

const draws = (random: Random, n: number) =>
  Array.from({ length: n }, () => random.next());

describe('Random', () => {
  it('replays the same draws for the same seed', () => {
    expect(draws(new Random(42), 50)).toEqual(draws(new Random(42), 50));
  });

  it('draws differently for a different seed', () => {
    expect(draws(new Random(42), 5)).not.toEqual(draws(new Random(43), 5));
  });

  it('gives each label its own stream, unmoved by draws elsewhere', () => {
    const quiet = new Random(7);
    const busy = new Random(7);
    const fromQuiet = draws(quiet.fork('parents'), 10);
    draws(busy.fork('teachers'), 1000);

    expect(draws(busy.fork('parents'), 10)).toEqual(fromQuiet);
    expect(draws(busy.fork('teachers'), 10)).not.toEqual(fromQuiet);
  });

  it('keeps whole numbers within both bounds and reaches each', () => {
    const random = new Random(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));

    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('draws floats in [0, 1) with a mean near a half', () => {
    const values = draws(new Random(9), 20_000);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;

    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 1);
  });

  it('chooses in proportion to the weights', () => {
    const random = new Random(3);
    const picks = Array.from({ length: 10_000 }, () =>
      random.weighted([['rare', 1], ['common', 3]] as const));
    const share = picks.filter((p) => p === 'common').length / picks.length;

    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });

  it('samples distinct items, no more than there are', () => {
    const random = new Random(5);

    expect(new Set(random.sample([1, 2, 3, 4, 5, 6], 4)).size).toBe(4);
    expect(random.sample([1, 2], 5).sort()).toEqual([1, 2]);
  });

  it('counts rare events with the mean it is given', () => {
    const random = new Random(11);
    const counts = Array.from({ length: 5000 }, () => random.poisson(2.5));
    const mean = counts.reduce((sum, n) => sum + n, 0) / counts.length;

    expect(mean).toBeGreaterThan(2.4);
    expect(mean).toBeLessThan(2.6);
  });
});
