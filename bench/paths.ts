import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import type { SocialEvent } from '../shared/events/schema';
import { RuleBook } from '../shared/rules/rule-book';
import { planBareWrites, sendBareWrite } from './bare-writes';
import { send, toDeliveries, type Delivery } from './deliveries';
import { CapacityMeter, type MeteredCall } from './meter';
import { inFlight } from './stats';
import { documentClient, freshTable, surveyTable, type TableSurvey } from
  './tables';
import { unitsOf, type Units } from './units';
import { BENCH_PLATFORM, startVigil } from './vigil-under-test';

/** How long to load a path, and how hard. */
export interface Load {
  /** Requests open at once, as several platform senders would keep. */
  inFlight: number;
  /** Untimed load first: warms the JIT and fills the table. */
  warmupSeconds: number;
  seconds: number;
  /** Scan the table afterwards to check every item is within 1 KB. */
  survey?: boolean;
}

/** What one timed pass of events through a path measured. */
export interface PathRun {
  events: number;
  requests: number;
  seconds: number;
  eventsPerSecond: number;
  units: Units;
  /** The recorded DynamoDB requests of the timed part. */
  calls: MeteredCall[];
  /** The table's items after the run, when a survey was asked for. */
  survey: TableSurvey | undefined;
  flags: number;
  duplicates: number;
  /** Answers other than 200, by status, with one body of each. */
  failures: Map<number, { count: number; example: string }>;
  /** Milliseconds each timed request took. */
  latenciesMs: number[];
  /** True when the events ran out before the timed run's end. */
  exhausted: boolean;
}

const answerSchema = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  flags: z.array(z.string()),
});

/**
 * Sends signed deliveries of `batchSize` events through Vigil's HTTP path
 * on a fresh table: a warm-up, then a timed run. `events` must outlast both.
 */
export async function runHttpPath(
  endpoint: string,
  events: readonly SocialEvent[],
  batchSize: number,
  load: Load,
): Promise<PathRun> {
  const tableName = await freshTable(endpoint);
  const vigil = await startVigil(endpoint, tableName);
  const signer = new Webhook(BENCH_PLATFORM.secret);
  const deliveries = toDeliveries(events, batchSize);
  const tally = newTally();
  const post = async (delivery: Delivery, timed: boolean) => {
    vigil.clock.advanceTo(delivery.latestMs);
    const sent = performance.now();
    const answer = await send(vigil.url, signer, delivery);
    if (timed) record(tally, answer.status, answer.body,
      performance.now() - sent, delivery.events.length);
  };

  try {
    const timed = await warmThenTime(deliveries, load, post,
      () => vigil.meter.take());
    return finish(tally, timed, vigil.meter.take(),
      load.survey ? await surveyTable(endpoint, tableName) : undefined);
  } finally {
    await vigil.stop();
  }
}

/**
 * Issues the bare writes of the same events straight to DynamoDB Local,
 * one event per request: the ceiling any service on this table could reach.
 */
export async function runBareWrites(
  endpoint: string,
  events: readonly SocialEvent[],
  load: Load,
): Promise<PathRun> {
  const tableName = await freshTable(endpoint);
  const client = documentClient(endpoint);
  const meter = new CapacityMeter();
  meter.attach(client);
  const settings = RuleBook.defaults().settingsFor(BENCH_PLATFORM.id);
  const writes = planBareWrites(tableName, BENCH_PLATFORM.id, events,
    settings);
  const tally = newTally();
  const issue = async (index: number, timed: boolean) => {
    const sent = performance.now();
    await withRetries(() => sendBareWrite(client, tableName,
      BENCH_PLATFORM.id, writes[index]!,
      Date.parse(events[index]!.occurredAt)));
    if (timed) record(tally, 200, '', performance.now() - sent, 1);
  };

  try {
    const timed = await warmThenTime(events.map((_, i) => i), load, issue,
      () => meter.take());
    return finish(tally, timed, meter.take(),
      load.survey ? await surveyTable(endpoint, tableName) : undefined);
  } finally {
    client.destroy();
  }
}

/**
 * Runs tasks for the warm-up time, then, after `warmed` is called, for the
 * timed time, continuing through the items where the warm-up stopped.
 */
async function warmThenTime<T>(
  items: readonly T[],
  load: Load,
  task: (item: T, timed: boolean) => Promise<void>,
  warmed: () => void,
): Promise<{ seconds: number; exhausted: boolean }> {
  const warmupEnd = performance.now() + load.warmupSeconds * 1000;
  const used = await inFlight(items, load.inFlight,
    (item) => task(item, false), warmupEnd);
  warmed();

  const start = performance.now();
  const ran = await inFlight(items.slice(used), load.inFlight,
    (item) => task(item, true), start + load.seconds * 1000);
  return { seconds: (performance.now() - start) / 1000,
    exhausted: used + ran >= items.length };
}

interface Tally {
  events: number;
  requests: number;
  flags: number;
  duplicates: number;
  failures: Map<number, { count: number; example: string }>;
  latenciesMs: number[];
}

function newTally(): Tally {
  return { events: 0, requests: 0, flags: 0, duplicates: 0,
    failures: new Map(), latenciesMs: [] };
}

function record(
  tally: Tally,
  status: number,
  body: string,
  latencyMs: number,
  events: number,
): void {
  tally.requests += 1;
  tally.events += events;
  tally.latenciesMs.push(latencyMs);
  if (status !== 200) {
    const failure = tally.failures.get(status) ?? { count: 0, example: body };
    failure.count += 1;
    tally.failures.set(status, failure);
    return;
  }
  if (body === '') return;

  const answer = answerSchema.parse(JSON.parse(body));
  tally.flags += answer.flags.length;
  tally.duplicates += answer.duplicates;
}

function finish(
  tally: Tally,
  timed: { seconds: number; exhausted: boolean },
  calls: MeteredCall[],
  survey: TableSurvey | undefined,
): PathRun {
  return { ...tally, ...timed, eventsPerSecond: tally.events / timed.seconds,
    units: unitsOf(calls), calls, survey };
}

/**
 * Two transactions on one item at once make DynamoDB cancel one; a real
 * writer waits and tries again, so the bare path does too.
 */
async function withRetries(write: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (error) {
      const conflict = error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).every((reason) =>
          reason.Code !== 'ConditionalCheckFailed');
      if (!conflict || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
  }
}
