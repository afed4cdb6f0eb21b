import { DAY_MS, HOUR_MS } from '../../shared/counters/time';
import type { Random } from './random';

/**
 * How busy each hour of the day (UTC, which is UK time in winter) is:
 * quiet at night, busiest in the evening after school and work.
 */
const HOURLY_ACTIVITY: readonly (readonly [number, number])[] = [
  0.3, 0.15, 0.08, 0.05, 0.05, 0.08, 0.2, 0.5, 0.8, 0.8, 0.8, 0.9,
  1, 0.9, 0.9, 1.1, 1.4, 1.6, 1.8, 2, 2.1, 1.9, 1.3, 0.7,
].map((weight, hour) => [hour, weight]);

/** The simulated days, counted from the first at 0. */
export class Calendar {
  constructor(readonly startMs: number, readonly days: number) {}

  /** Midnight UTC that starts `day`. */
  dayStart(day: number): number {
    return this.startMs + day * DAY_MS;
  }

  /** A moment on `day` at which someone is likely to be online. */
  waking(random: Random, day: number): number {
    const hour = random.weighted(HOURLY_ACTIVITY);
    return this.dayStart(day) + hour * HOUR_MS +
      Math.floor(random.next() * HOUR_MS);
  }

  /** A moment on `day` between two hours of the day. */
  between(random: Random, day: number, fromHour: number, toHour: number) {
    const offset = fromHour * HOUR_MS +
      Math.floor(random.next() * (toHour - fromHour) * HOUR_MS);
    return this.dayStart(day) + offset;
  }
}
