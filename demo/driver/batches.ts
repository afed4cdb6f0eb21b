import { HOUR_MS } from '../../shared/counters/time';
import type { SocialEvent } from '../../shared/events/schema';

/** The events of one simulated stretch of time, sent before the next. */
export interface Step {
  /** The last millisecond of the stretch: Vigil's clock while it is sent. */
  endMs: number;
  events: SocialEvent[];
}

/**
 * Splits time-ordered events into stretches of `hours` hours, aligned to
 * midnight UTC so that no stretch spans two days; empty ones are skipped.
 */
export function stepsOf(events: readonly SocialEvent[], hours: number) {
  const stepMs = hours * HOUR_MS;
  const steps: Step[] = [];
  for (const event of events) {
    const index = Math.floor(Date.parse(event.occurredAt) / stepMs);
    const endMs = (index + 1) * stepMs - 1;
    const last = steps[steps.length - 1];
    if (last?.endMs === endMs) last.events.push(event);
    else steps.push({ endMs, events: [event] });
  }
  return steps;
}

/**
 * Packs one step's events into deliveries of at most `size`, sent side by
 * side. Vigil counts the events of one pair of accounts in order only
 * within a delivery, so a pair's events always travel together.
 */
export function deliveriesOf(
  events: readonly SocialEvent[],
  size: number,
): SocialEvent[][] {
  const byPair = new Map<string, SocialEvent[]>();
  for (const event of events) {
    const pair = [event.actor.id, event.target.id].sort().join(' ');
    const list = byPair.get(pair) ?? [];
    list.push(event);
    byPair.set(pair, list);
  }

  const deliveries: SocialEvent[][] = [];
  let current: SocialEvent[] = [];
  for (const pairEvents of byPair.values()) {
    if (current.length > 0 && current.length + pairEvents.length > size) {
      deliveries.push(current);
      current = [];
    }
    current.push(...pairEvents);
  }
  if (current.length > 0) deliveries.push(current);
  return deliveries;
}
