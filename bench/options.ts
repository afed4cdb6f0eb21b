import { parseArgs } from 'node:util';
import type { LatencyPlan } from './latency';
import type { ThroughputPlan } from './throughput';
import type { WorkloadRequest } from './workload';

/** How much of each measurement a run does. */
export interface BenchOptions {
  quick: boolean;
  seed: number;
  /** The simulated platforms: the main one, and a small and a big one. */
  workloads: Record<'main' | 'small' | 'big', Omit<WorkloadRequest, 'seed'>>;
  throughput: ThroughputPlan;
  cpuSeconds: number;
  latency: LatencyPlan;
  coldStartRuns: number;
  scaling: { warmupEvents: number; timedEvents: number; inFlight: number };
}

/**
 * The full run takes about three minutes on two idle cores; --quick gives
 * rough figures in about two. Two deliveries in flight (each sending up
 * to 8 writes at once) put up to 16 requests on DynamoDB Local,
 * and the bare writes get the same 16: more only makes Local slower on two
 * cores. Event counts, not durations, bound each part, so a seed always
 * measures the same events and the units per event repeat exactly.
 */
const FULL: BenchOptions = {
  quick: false,
  seed: 7,
  workloads: {
    main: { accounts: 10_000, days: 14, events: 16_000 },
    small: { accounts: 1_000, days: 28, events: 2_000 },
    big: { accounts: 100_000, days: 1, events: 2_000 },
  },
  throughput: { warmupEvents: 1_000, timedEvents: 6_000, rounds: 3,
    deliveriesInFlight: 2, writesInFlight: 16 },
  cpuSeconds: 10,
  latency: { warmupBatches: 3, samples: [{ batchSize: 1, count: 200 },
    { batchSize: 10, count: 30 }, { batchSize: 100, count: 20 }] },
  coldStartRuns: 5,
  scaling: { warmupEvents: 300, timedEvents: 1_500, inFlight: 2 },
};

const QUICK: BenchOptions = {
  quick: true,
  seed: 7,
  workloads: {
    main: { accounts: 10_000, days: 7, events: 5_000 },
    small: { accounts: 1_000, days: 28, events: 800 },
    big: { accounts: 100_000, days: 1, events: 800 },
  },
  throughput: { warmupEvents: 300, timedEvents: 1_600, rounds: 2,
    deliveriesInFlight: 2, writesInFlight: 16 },
  cpuSeconds: 3,
  latency: { warmupBatches: 1, samples: [{ batchSize: 1, count: 50 },
    { batchSize: 10, count: 10 }, { batchSize: 100, count: 5 }] },
  coldStartRuns: 2,
  scaling: { warmupEvents: 200, timedEvents: 600, inFlight: 2 },
};

export const USAGE = `Usage: npm run bench [-- --quick]

Measures Vigil's throughput, capacity units and cost per event, pure CPU
speed, latency, cold start and scaling on DynamoDB Local, and prints them.
  --quick   a short run with rough figures (about two minutes)
  --help    this text`;

/** Reads the command line; null means print the usage and stop. */
export function readOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  return values.quick ? QUICK : FULL;
}
