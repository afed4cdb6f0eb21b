import { describe, expect, it } from 'vitest';
import { simulationStart } from '../../demo/start';

describe('simulationStart', () => {
  it('starts at the next Monday midnight UTC', () => {
    const thursday = Date.parse('2026-12-03T19:00:00Z');

    expect(new Date(simulationStart(thursday)).toISOString())
      .toBe('2026-12-07T00:00:00.000Z');
  });

  it('starts a week later when it is already Monday', () => {
    const monday = Date.parse('2026-12-07T00:00:00Z');

    expect(new Date(simulationStart(monday)).toISOString())
      .toBe('2026-12-14T00:00:00.000Z');
  });

  it('never starts before the wall clock', () => {
    const sundayNight = Date.parse('2026-12-06T23:59:59Z');

    expect(simulationStart(sundayNight)).toBeGreaterThan(sundayNight);
  });
});
