import { DAY_MS } from '../shared/counters/time';

/**
 * When the simulated weeks begin: the next Monday, midnight UTC.
 *
 * Not a fixed date in the past: Vigil stores items that expire by the
 * simulated clock, and DynamoDB Local deletes expired items by the wall
 * clock, so simulated time must not run behind real time or counters would
 * vanish mid-run. Always a Monday, so that a seed replays the same week
 * after week, only on later dates.
 */
export function simulationStart(wallClockMs: number): number {
  const today = Math.floor(wallClockMs / DAY_MS) * DAY_MS;
  const weekday = new Date(today).getUTCDay();
  const daysToMonday = ((8 - weekday) % 7) || 7;
  return today + daysToMonday * DAY_MS;
}
