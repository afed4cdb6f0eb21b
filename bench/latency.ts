import { Webhook } from 'standardwebhooks';
import type { SocialEvent } from '../shared/events/schema';
import { send, toDeliveries, type Delivery } from './deliveries';
import type { MeteredCall } from './meter';
import { median, percentile } from './stats';
import { freshTable } from './tables';
import { BENCH_PLATFORM, startVigil } from './vigil-under-test';

/** Round-trip times of deliveries of one size, sent one at a time. */
export interface LatencyRow {
  batchSize: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** DynamoDB requests per delivery (median). */
  dynamoCalls: number;
  /**
   * How many DynamoDB round trips one after another the delivery took
   * (median): its time divided by the mean time of one request. This is
   * what carries over to AWS, where each round trip is far shorter.
   */
  sequentialRoundTrips: number;
}

interface Sample {
  ms: number;
  calls: MeteredCall[];
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
  events: readonly SocialEvent[],
  plan: LatencyPlan,
): Promise<LatencyRow[]> {
  const table = await freshTable();
  const vigil = await startVigil(table.endpoint, table.tableName);
  const signer = new Webhook(BENCH_PLATFORM.secret);
  const roundTrip = async (delivery: Delivery): Promise<Sample> => {
    vigil.meter.take();
    const start = performance.now();
    const answer = await send(vigil.url, signer, delivery);
    if (answer.status !== 200) {
      throw new Error(`Vigil answered ${answer.status}: ${answer.body}`);
    }
    return { ms: performance.now() - start, calls: vigil.meter.take() };
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
      const samples: Sample[] = [];
      for (const delivery of toDeliveries(used, batchSize)) {
        samples.push(await roundTrip(delivery));
      }
      rows.push(row(batchSize, samples));
    }
    return rows;
  } finally {
    await vigil.stop();
    await table.stop();
  }
}

function row(batchSize: number, samples: readonly Sample[]): LatencyRow {
  const times = samples.map((sample) => sample.ms);
  return {
    batchSize,
    samples: samples.length,
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    maxMs: Math.max(...times),
    dynamoCalls: median(samples.map((sample) => sample.calls.length)),
    sequentialRoundTrips: median(samples.map(roundTripsOf)),
  };
}

function roundTripsOf(sample: Sample): number {
  if (sample.calls.length === 0) return 0;

  const busyMs = sample.calls.reduce((sum, call) =>
    sum + (call.endMs - call.startMs), 0);
  return sample.ms / (busyMs / sample.calls.length);
}
