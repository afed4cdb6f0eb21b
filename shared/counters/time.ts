/** UTC calendar buckets. Counters are kept per day, and per hour for views. */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** `2026-12-03` for any instant on that UTC day. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2026-12-03T18` for any instant in that UTC hour. */
export function hourOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

/** The `count` day buckets ending with the one holding `endMs`, oldest first. */
export function daysEndingAt(endMs: number, count: number): string[] {
  const days: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) days.push(dayOf(endMs - i * DAY_MS));
  return days;
}

/** The `count` hour buckets ending with the one holding `endMs`. */
export function hoursEndingAt(endMs: number, count: number): string[] {
  const hours: string[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    hours.push(hourOf(endMs - i * HOUR_MS));
  }
  return hours;
}

/** Epoch seconds, the unit DynamoDB's TTL reads. */
export function epochSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
