import type { ColdStartRow } from './cold-start';
import { costPerMillion, total, type PerEvent } from './cost';
import type { CpuStage } from './cpu';
import type { LatencyRow } from './latency';
import type { PathRun } from './paths';
import { hotAccountCeiling, planFor } from './capacity-plan';
import { AWS_ROUND_TRIP_MS, PRICES } from './prices';
import { percentile } from './stats';
import { fmt, usd, type Table } from './table';

/** The aims the issue sets, printed beside the figures they judge. */
export const AIMS = {
  throughputRatio: 0.5,
  writeUnitsPerEvent: 3,
  dollarsPerMillion: 2,
  bundleBytes: 500 * 1024,
} as const;

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

export function throughputTable(vigil: PathRun, bare: PathRun): Table {
  const ratio = vigil.eventsPerSecond / bare.eventsPerSecond;
  const row = (name: string, run: PathRun) => [name, fmt(run.events),
    fmt(run.seconds, 1), fmt(run.requests), fmt(run.eventsPerSecond),
    fmt(percentile(run.latenciesMs, 0.5), 1),
    fmt(percentile(run.latenciesMs, 0.99), 1)];
  return {
    title: '1. Throughput against the limit (DynamoDB Local)',
    headings: ['path', 'events', 'seconds', 'requests', 'events/s',
      'p50 ms', 'p99 ms'],
    rows: [row('Vigil over HTTP', vigil), row('bare writes', bare)],
    notes: [
      `ratio Vigil / bare = ${fmt(ratio, 2)} (aim >= ` +
        `${AIMS.throughputRatio}: ${verdict(ratio >= AIMS.throughputRatio)})`,
      ...failureNotes(vigil),
    ],
  };
}

function failureNotes(run: PathRun): string[] {
  return [...run.failures.entries()].map(([status, failure]) =>
    `${failure.count} deliveries answered ${status}, e.g. ` +
    failure.example.slice(0, 160));
}

export function unitsTable(vigil: PathRun, bare: PathRun): Table {
  const row = (name: string, run: PathRun) => [name,
    fmt(run.units.computedWrite / run.events, 2),
    fmt(run.units.reportedWrite / run.events, 2),
    fmt(run.units.computedRead / run.events, 2),
    fmt(run.units.reportedRead / run.events, 2),
    run.survey ? fmt(run.survey.largestBytes) : 'n/a'];
  const perEvent = vigil.units.computedWrite / vigil.events;
  return {
    title: '2. Capacity units per event (computed = billed; reported = ' +
      'what DynamoDB Local returned)',
    headings: ['path', 'WRU computed', 'WRU reported', 'RRU computed',
      'RRU reported', 'largest item B'],
    rows: [row('Vigil over HTTP', vigil), row('bare writes', bare)],
    notes: [
      `write units per event ${fmt(perEvent, 2)} (aim <= ` +
        `${AIMS.writeUnitsPerEvent}: ` +
        `${verdict(perEvent <= AIMS.writeUnitsPerEvent)})`,
      `Vigil's requests per event: ${requestsPerEvent(vigil)}`,
      `flags raised: ${fmt(vigil.flags)}; duplicates: ${fmt(vigil.duplicates)}`,
    ],
  };
}

function requestsPerEvent(run: PathRun): string {
  return [...run.units.requests.entries()]
    .map(([command, tally]) => `${command.replace('Command', '')} ` +
      `${fmt(tally.sent / run.events, 2)}` +
      (tally.refused > 0 ? ` (${fmt(tally.refused)} refused)` : ''))
    .join(', ');
}

export function costTable(perEvent: PerEvent): Table {
  const lines = costPerMillion(perEvent);
  const sum = total(lines);
  return {
    title: `   Cost per million events (on-demand, ${PRICES.region}, ` +
      `prices checked ${PRICES.checked})`,
    headings: ['item', '$ / million events', 'basis'],
    rows: [
      ...lines.map((line) => [line.item, usd(line.perMillion), line.basis]),
      ['all-in', usd(sum), ''],
    ],
    notes: [`all-in ${usd(sum)} per million events (aim < ` +
      `$${AIMS.dollarsPerMillion}: ${verdict(sum < AIMS.dollarsPerMillion)})`],
  };
}

export function cpuTable(stages: readonly CpuStage[]): Table {
  return {
    title: '3. Pure CPU, one core, no database (deliveries of 100)',
    headings: ['stage', 'events/s per core', 'us per event'],
    rows: stages.map((stage) => [stage.stage, fmt(stage.eventsPerSecond),
      fmt(1e6 / stage.eventsPerSecond, 1)]),
  };
}

export function latencyTable(rows: readonly LatencyRow[]): Table {
  return {
    title: '4. Latency, one delivery at a time (DynamoDB Local)',
    headings: ['delivery', 'samples', 'p50 ms', 'p99 ms', 'max ms',
      'DynamoDB calls', 'in sequence', 'on AWS ms (est.)'],
    rows: rows.map((row) => [`${row.batchSize} event${
      row.batchSize === 1 ? '' : 's'}`, fmt(row.samples),
      fmt(row.p50Ms, 1), fmt(row.p99Ms, 1), fmt(row.maxMs, 1),
      fmt(row.dynamoCalls), fmt(row.sequentialRoundTrips, 1),
      fmt(awsMs(row))]),
    notes: ['in sequence: round trips one after another (time / mean ' +
      `request time); on AWS: that many at ${AWS_ROUND_TRIP_MS} ms each`],
  };
}

/** A delivery's time on AWS: its round trips at AWS's latency. */
export function awsMs(row: LatencyRow): number {
  return row.sequentialRoundTrips * AWS_ROUND_TRIP_MS;
}

export function coldStartTable(rows: readonly ColdStartRow[]): Table {
  const over = rows.filter((row) => row.bytes > AIMS.bundleBytes);
  return {
    title: '5. Cold start: minified bundles and their import in a new Node',
    headings: ['function', 'KiB', 'gzip KiB', 'import ms',
      'with source maps', 'AWS SDK clients loaded'],
    rows: rows.map((row) => [row.name, fmt(row.bytes / 1024, 1),
      fmt(row.gzipBytes / 1024, 1), fmt(row.importMs, 0),
      fmt(row.importWithSourceMapsMs, 0),
      row.error ? `failed: ${row.error}` : row.sdkPackages
        .map((name) => name.replace('@aws-sdk/', '')).join(' ')]),
    notes: [`bundles over 500 KiB: ${over.length} of ${rows.length} (aim ` +
      `none: ${verdict(over.length === 0)})`],
  };
}

export interface ScalingRow {
  scenario: string;
  run: PathRun;
  batchSize: number;
  secondsPerDelivery: number;
}

export function scalingTable(rows: readonly ScalingRow[]): Table {
  return {
    title: '6. Scaling: batch size and number of accounts',
    headings: ['scenario', 'events/s', 'WRU/event', 'RRU/event',
      'requests/event', '$ / million', 'failed'],
    rows: rows.map(({ scenario, run, batchSize, secondsPerDelivery }) => {
      const perEvent = perEventOf(run, batchSize, secondsPerDelivery);
      const requests = [...run.units.requests.values()]
        .reduce((sum, tally) => sum + tally.sent, 0) / run.events;
      const failed = [...run.failures.values()]
        .reduce((sum, failure) => sum + failure.count, 0);
      return [scenario, fmt(run.eventsPerSecond),
        fmt(perEvent.writeUnits, 2), fmt(perEvent.readUnits, 2),
        fmt(requests, 2), usd(total(costPerMillion(perEvent))), fmt(failed)];
    }),
  };
}

/** The per-event figures of a run, for pricing and planning. */
export function perEventOf(
  run: PathRun,
  batchSize: number,
  secondsPerDelivery: number,
): PerEvent {
  return {
    writeUnits: run.units.computedWrite / run.events,
    readUnits: run.units.computedRead / run.events,
    batchSize,
    secondsPerDelivery,
    flags: run.flags / run.events,
  };
}

export function planTable(perEvent: PerEvent): Table {
  const rows = [10_000, 100_000, 1_000_000].map((rate) =>
    planFor(rate, perEvent));
  return {
    title: '7. Capacity plan from the measured units (batches of ' +
      `${perEvent.batchSize}, on-demand list prices)`,
    headings: ['events/s', 'WRU/s', 'RRU/s', 'Lambda conc.', 'API req/s',
      '$ / month', 'default quotas exceeded'],
    rows: rows.map((row) => [fmt(row.eventsPerSecond),
      fmt(row.writeUnitsPerSecond), fmt(row.readUnitsPerSecond),
      fmt(row.lambdaConcurrency), fmt(row.apiRequestsPerSecond),
      usd(row.monthlyDollars), row.overQuota.join(', ') || 'none']),
    notes: [`one account can be the subject of at most ~` +
      `${fmt(hotAccountCeiling())} counted events/s before its day ` +
      'counter item hits the 1,000 WCU/s partition ceiling, if each ' +
      'event comes in its own delivery'],
  };
}
