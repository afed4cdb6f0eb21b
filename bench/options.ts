import { parseArgs } from 'node:util';
import type { LatencyPlan } from './latency';
import type { WorkloadRequest } from './workload';

/** How much of each measurement a run does. */
export interface BenchOptions {
  quick: boolean;
  seed: number;
  /** The simulated platforms: the main one, and a small and a big one. */
  workloads: Record<'main' | 'small' | 'big', Omit<WorkloadRequest, 'seed'>>;
  http: { inFlight: number; warmupSeconds: number; seconds: number };
  bare: { inFlight: number; warmupSeconds: number; seconds: number };
  cpuSeconds: number;
  latency: LatencyPlan;
  coldStartRuns: number;
  scaling: { warmupSeconds: number; seconds: number; inFlight: number };
}

/**
 * The full run takes about four minutes on two cores; --quick gives rough
 * figures in about one. Deliveries in flight: four keeps both cores busy
 * with one DynamoDB Local; the bare writes get the same number of requests
 * in flight as four deliveries can open (8 pairs each) to show the ceiling.
 */
const FULL: BenchOptions = {
  quick: false,
  seed: 7,
  workloads: {
    main: { accounts: 10_000, days: 14, events: 60_000 },
    small: { accounts: 1_000, days: 28, events: 20_000 },
    big: { accounts: 100_000, days: 1, events: 20_000 },
  },
  http: { inFlight: 4, warmupSeconds: 10, seconds: 40 },
  bare: { inFlight: 32, warmupSeconds: 5, seconds: 20 },
  cpuSeconds: 10,
  latency: { warmupBatches: 5, samples: [{ batchSize: 1, count: 300 },
    { batchSize: 10, count: 60 }, { batchSize: 100, count: 40 }] },
  coldStartRuns: 5,
  scaling: { warmupSeconds: 3, seconds: 12, inFlight: 4 },
};

const QUICK: BenchOptions = {
  quick: true,
  seed: 7,
  workloads: {
    main: { accounts: 10_000, days: 7, events: 20_000 },
    small: { accounts: 1_000, days: 28, events: 6_000 },
    big: { accounts: 100_000, days: 1, events: 6_000 },
  },
  http: { inFlight: 4, warmupSeconds: 3, seconds: 10 },
  bare: { inFlight: 32, warmupSeconds: 2, seconds: 5 },
  cpuSeconds: 3,
  latency: { warmupBatches: 2, samples: [{ batchSize: 1, count: 60 },
    { batchSize: 10, count: 15 }, { batchSize: 100, count: 10 }] },
  coldStartRuns: 2,
  scaling: { warmupSeconds: 1, seconds: 4, inFlight: 4 },
};

export const USAGE = `Usage: npm run bench [-- --quick]

Measures Vigil's throughput, capacity units and cost per event, pure CPU
speed, latency, cold start and scaling on DynamoDB Local, and prints them.
  --quick   a short run with rough figures (about a minute)
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
