import { describe, expect, it } from 'vitest';
import type { SocialEvent } from '../../shared/events/schema';
import { deliveriesOf, stepsOf } from '../../demo/driver/batches';

const HOUR = 3_600_000;
const MIDNIGHT = Date.parse('2027-01-04T00:00:00Z');

function message(id: string, from: string, to: string, atMs: number) {
  const event: SocialEvent = {
    id,
    type: 'message.sent',
    occurredAt: new Date(atMs).toISOString(),
    actor: { id: from, ageBand: '18_plus' },
    target: { id: to, ageBand: '18_plus' },
  };
  return event;
}

describe('stepsOf', () => {
  it('groups events by whole hours and ends each step at its last ms', () => {
    const events = [
      message('a', 'x', 'y', MIDNIGHT + 5 * 60_000),
      message('b', 'x', 'y', MIDNIGHT + 59 * 60_000),
      message('c', 'x', 'y', MIDNIGHT + 3 * HOUR),
    ];

    const steps = stepsOf(events, 1);

    expect(steps.map((s) => s.events.map((e) => e.id))).toEqual(
      [['a', 'b'], ['c']]);
    expect(steps.map((s) => s.endMs)).toEqual(
      [MIDNIGHT + HOUR - 1, MIDNIGHT + 4 * HOUR - 1]);
  });

  it('aligns longer steps to midnight so none spans two days', () => {
    const events = [
      message('a', 'x', 'y', MIDNIGHT - HOUR),
      message('b', 'x', 'y', MIDNIGHT + HOUR),
    ];

    expect(stepsOf(events, 6).map((s) => s.endMs)).toEqual(
      [MIDNIGHT - 1, MIDNIGHT + 6 * HOUR - 1]);
  });
});

describe('deliveriesOf', () => {
  it('keeps the events of one pair together and in order', () => {
    const events = [
      message('1', 'a', 'b', MIDNIGHT),
      message('2', 'c', 'd', MIDNIGHT + 1),
      message('3', 'b', 'a', MIDNIGHT + 2),
      message('4', 'e', 'f', MIDNIGHT + 3),
    ];

    const deliveries = deliveriesOf(events, 2);

    expect(deliveries.map((d) => d.map((e) => e.id))).toEqual(
      [['1', '3'], ['2', '4']]);
  });

  it('sends every event exactly once, at most the size per delivery', () => {
    const events = Array.from({ length: 45 }, (_, i) =>
      message(`e${i}`, `a${i % 9}`, `b${i % 9}`, MIDNIGHT + i));

    const deliveries = deliveriesOf(events, 10);

    expect(deliveries.flat().map((e) => e.id).sort())
      .toEqual(events.map((e) => e.id).sort());
    const largest = Math.max(...deliveries.map((d) => d.length));
    expect(largest).toBeLessThanOrEqual(10);
  });
});
