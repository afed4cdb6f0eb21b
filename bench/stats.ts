/** The value below which `fraction` of the samples lie (nearest rank). */
export function percentile(samples: readonly number[], fraction: number) {
  if (samples.length === 0) return Number.NaN;

  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 0.5);
}

/**
 * Runs one task per item with at most `limit` in flight, in order of the
 * items, so a load generator keeps a steady number of requests open. Stops
 * starting tasks once `untilMs` (a performance.now() time) has passed, and
 * returns how many tasks ran.
 */
export async function inFlight<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  untilMs = Number.POSITIVE_INFINITY,
): Promise<number> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && performance.now() < untilMs) {
      const index = next;
      next += 1;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) },
    lane));
  return next;
}
