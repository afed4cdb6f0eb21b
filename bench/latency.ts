import { Webhook } from 'standardwebhooks';
import type { SocialEvent } from '../shared/events/schema';
import { send, toDeliveries, type Delivery } from './deliveries';
import { percentile } from './stats';
import { freshTable } from './tables';
import { BENCH_PLATFORM, startVigil } from './vigil-under-test';

/** Round-trip times of deliveries of one size, sent one at a time. */
export interface LatencyRow {
  batchSize: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LatencyPlan {
  /** Deliveries of 100 sent first, untimed, to fill the table. */
  warmupBatches: number;
  /** How many deliveries to time, by their size in events. */
  samples: readonly { batchSize: number; count: number }[];
}

/**
 * Measures what a platform's sender waits for: deliveries of each size,
 * each sent only after the previous one was answered, on a table that the
 * warm-up has already filled. Events are used in time order throughout.
 */
export async function measureLatency(
  endpoint: string,
  events: readonly SocialEvent[],
  plan: LatencyPlan,
): Promise<LatencyRow[]> {
  const vigil = await startVigil(endpoint, await freshTable(endpoint));
  const signer = new Webhook(BENCH_PLATFORM.secret);
  const roundTrip = async (delivery: Delivery) => {
    vigil.clock.advanceTo(delivery.latestMs);
    const start = performance.now();
    const answer = await send(vigil.url, signer, delivery);
    if (answer.status !== 200) {
      throw new Error(`Vigil answered ${answer.status}: ${answer.body}`);
    }
    return performance.now() - start;
  };

  try {
    let next = plan.warmupBatches * 100;
    for (const delivery of toDeliveries(events.slice(0, next), 100)) {
      await roundTrip(delivery);
    }
    const rows: LatencyRow[] = [];
    for (const { batchSize, count } of plan.samples) {
      const used = events.slice(next, next + batchSize * count);
      next += used.length;
      const times: number[] = [];
      for (const delivery of toDeliveries(used, batchSize)) {
        times.push(await roundTrip(delivery));
      }
      rows.push(row(batchSize, times));
    }
    return rows;
  } finally {
    await vigil.stop();
  }
}

function row(batchSize: number, samples: number[]): LatencyRow {
  return {
    batchSize,
    samples: samples.length,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
    maxMs: Math.max(...samples),
  };
}
