// The SDK warns that Node 20 support ends; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { measureColdStarts } from './cold-start';
import { measureCpu } from './cpu';
import { measureLatency, type LatencyRow } from './latency';
import { describeMachine } from './machine';
import { readOptions, USAGE, type BenchOptions } from './options';
import { httpPath, runPath } from './paths';
import {
  awsMs,
  coldStartTable,
  costTable,
  cpuTable,
  latencyTable,
  perEventOf,
  planTable,
  scalingTable,
  throughputTable,
  unitsTable,
  type ScalingRow,
} from './report';
import { simulatedWorkload } from './simulated-workload';
import { formatTable, type Table } from './table';
import { stopAllTables } from './tables';
import { measureThroughput } from './throughput';
import { mixOf, type Workload } from './workload';
import { writeBreakdown } from './write-breakdown';

const started = performance.now();
const print = (table: Table) => console.log(`\n${formatTable(table)}`);
const progress = (what: string) => console.error(`... ${
  ((performance.now() - started) / 1000).toFixed(0).padStart(3)} s  ${what}`);

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  console.log(`Vigil benchmark (${options.quick ? 'quick' : 'full'} run)`);
  console.log(describeMachine().join('\n'));

  try {
    await measureAll(options);
  } finally {
    await stopAllTables();
  }
  console.log(`\ntook ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

async function measureAll(options: BenchOptions) {
  const main = workload('main', options);
  describeWorkload(main);

  progress('1-2. throughput and capacity units, Vigil and bare writes');
  const { vigil, bare } = await measureThroughput(main.events,
    options.throughput);
  print(throughputTable(vigil, bare));
  print(unitsTable(vigil, bare));
  print(writeBreakdown(vigil.calls, main.events, 100));

  progress('4. latency');
  const latency = await measureLatency(main.events, options.latency);
  print(costTable(perEventOf(vigil, 100, secondsPerDelivery(latency, 100))));

  progress('3. pure CPU');
  print(cpuTable(measureCpu(main.events.slice(0, 10_000),
    options.cpuSeconds)));
  print(latencyTable(latency));

  progress('5. cold start');
  print(coldStartTable(await measureColdStarts(options.coldStartRuns)));

  print(scalingTable(await scaling(options, main, latency)));
  print(planTable(perEventOf(vigil, 100, secondsPerDelivery(latency, 100))));
}

async function scaling(
  options: BenchOptions,
  main: Workload,
  latency: readonly LatencyRow[],
): Promise<ScalingRow[]> {
  const small = workload('small', options);
  const big = workload('big', options);
  const scenarios: [number, keyof BenchOptions['workloads'], Workload][] = [
    [1, 'main', main], [10, 'main', main], [100, 'main', main],
    [100, 'small', small], [100, 'big', big],
  ];
  const { warmupEvents, timedEvents, inFlight } = options.scaling;
  const rows: ScalingRow[] = [];
  for (const [batchSize, which, { events }] of scenarios) {
    const scenario = `batch ${batchSize}, ${
      options.workloads[which].accounts.toLocaleString('en-US')} accounts`;
    progress(`6. scaling: ${scenario}`);
    const run = await runPath(
      await httpPath(batchSize, inFlight),
      events.slice(0, warmupEvents),
      events.slice(warmupEvents, warmupEvents + timedEvents));
    rows.push({ scenario, run, batchSize,
      secondsPerDelivery: secondsPerDelivery(latency, batchSize) });
  }
  return rows;
}

/** The ingest function's estimated time on AWS per delivery of a size. */
function secondsPerDelivery(
  latency: readonly LatencyRow[],
  batchSize: number,
): number {
  const row = latency.find((candidate) => candidate.batchSize === batchSize);
  return row ? awsMs(row) / 1000 : Number.NaN;
}

function workload(
  which: keyof BenchOptions['workloads'],
  options: BenchOptions,
): Workload {
  const request = options.workloads[which];
  progress(`simulating ${request.accounts.toLocaleString('en-US')} ` +
    `accounts for ${request.days} day(s)`);
  return simulatedWorkload({ seed: options.seed, ...request });
}

function describeWorkload(workload: Workload): void {
  const mix = [...mixOf(workload.events).entries()]
    .map(([type, share]) => `${type} ${(share * 100).toFixed(1)}%`)
    .join(', ');
  console.log(`workload  ${workload.source}\nmix       ${mix}`);
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
