import { costPerMillion, total, type PerEvent } from './cost';

/** Default quotas an AWS account starts with, per Region (all adjustable). */
export const DEFAULT_QUOTAS = {
  /** On-demand table: request units per second, each of read and write. */
  tableRequestUnits: 40_000,
  /** DynamoDB's hard ceiling per partition, and so per item. */
  partitionWriteUnits: 1_000,
  partitionReadUnits: 3_000,
  lambdaConcurrency: 1_000,
  /** HTTP API steady-state requests per second, across the account. */
  httpApiRequestsPerSecond: 10_000,
} as const;

/** A 730-hour month, the convention of AWS's pricing examples. */
const SECONDS_PER_MONTH = 730 * 3600;

export interface PlanRow {
  eventsPerSecond: number;
  writeUnitsPerSecond: number;
  readUnitsPerSecond: number;
  lambdaConcurrency: number;
  apiRequestsPerSecond: number;
  monthlyDollars: number;
  /** Default quotas this rate exceeds, as "name (x times)". */
  overQuota: string[];
}

/** Scales the measured per-event figures to a steady event rate. */
export function planFor(eventsPerSecond: number, e: PerEvent): PlanRow {
  const writeUnitsPerSecond = eventsPerSecond * e.writeUnits;
  const readUnitsPerSecond = eventsPerSecond * e.readUnits;
  const apiRequestsPerSecond = eventsPerSecond / e.batchSize;
  const lambdaConcurrency = apiRequestsPerSecond * e.secondsPerDelivery;
  const q = DEFAULT_QUOTAS;
  const ratios: [string, number][] = [
    ['table write units', writeUnitsPerSecond / q.tableRequestUnits],
    ['table read units', readUnitsPerSecond / q.tableRequestUnits],
    ['Lambda concurrency', lambdaConcurrency / q.lambdaConcurrency],
    ['HTTP API rate', apiRequestsPerSecond / q.httpApiRequestsPerSecond],
  ];
  return {
    eventsPerSecond,
    writeUnitsPerSecond,
    readUnitsPerSecond,
    lambdaConcurrency,
    apiRequestsPerSecond,
    monthlyDollars: eventsPerSecond * SECONDS_PER_MONTH / 1e6 *
      total(costPerMillion(e)),
    overQuota: ratios
      .filter(([, ratio]) => ratio > 1)
      .sort(([, a], [, b]) => b - a)
      .map(([name, ratio]) => `${name} (${ratio.toFixed(1)}x)`),
  };
}

/**
 * The most events per second one account can be the subject of before its
 * busiest item hits the per-partition write ceiling, when each of its
 * events comes in a delivery of its own: every counted event then updates
 * the subject's day counter inside a transaction, at two units. Events of
 * one subject in one delivery share that write.
 */
export function hotAccountCeiling(): number {
  return DEFAULT_QUOTAS.partitionWriteUnits / 2;
}
