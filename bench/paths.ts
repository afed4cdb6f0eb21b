import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import type { SocialEvent } from '../shared/events/schema';
import { RuleBook } from '../shared/rules/rule-book';
import { BarePlanner, sendBareWrite } from './bare-writes';
import { send, toDeliveries } from './deliveries';
import { CapacityMeter, type MeteredCall } from './meter';
import { inFlight } from './stats';
import { documentClient, freshTable, surveyTable, type TableSurvey } from
  './tables';
import { unitsOf, type Units } from './units';
import { BENCH_PLATFORM, startVigil } from './vigil-under-test';

/** What the timed events measured on one path. */
export interface PathRun {
  events: number;
  requests: number;
  seconds: number;
  eventsPerSecond: number;
  units: Units;
  /** The recorded DynamoDB requests of the timed events. */
  calls: MeteredCall[];
  /** The table's items afterwards, when a survey was asked for. */
  survey: TableSurvey | undefined;
  flags: number;
  duplicates: number;
  /** Answers other than 200, by status, with one body of each. */
  failures: Map<number, { count: number; example: string }>;
  /** Milliseconds each timed request took. */
  latenciesMs: number[];
}

/**
 * A way into one fresh table that events can be pushed through: Vigil's
 * HTTP path, or the bare writes straight to DynamoDB.
 */
export interface Path {
  /** Sends events in order; only timed ones count towards the figures. */
  push(events: readonly SocialEvent[], timed: boolean): Promise<void>;
  /** The figures so far (`survey` scans the table first); ends the path. */
  finish(survey: boolean): Promise<PathRun>;
}

const answerSchema = z.object({
  accepted: z.number(),
  duplicates: z.number(),
  flags: z.array(z.string()),
});

/** Vigil's HTTP path: signed deliveries of `batchSize` events. */
export async function httpPath(
  batchSize: number,
  requestsInFlight: number,
): Promise<Path> {
  const table = await freshTable();
  const vigil = await startVigil(table.endpoint, table.tableName);
  const signer = new Webhook(BENCH_PLATFORM.secret);
  const tally = new Tally();

  return {
    push: async (events, timed) => {
      const deliveries = toDeliveries(events, batchSize);
      await tally.time(timed, vigil.meter, () => inFlight(deliveries,
        requestsInFlight, async (delivery) => {
          const sent = performance.now();
          const answer = await send(vigil.url, signer, delivery);
          if (timed) tally.answer(answer, performance.now() - sent,
            delivery.events.length);
        }));
    },
    finish: async (survey) => {
      const run = tally.run(survey ? await surveyTable(table) : undefined);
      await vigil.stop();
      await table.stop();
      return run;
    },
  };
}

/**
 * The bare writes of the same events straight to DynamoDB, one event per
 * request: the ceiling any service on this table could reach.
 */
export async function barePath(requestsInFlight: number): Promise<Path> {
  const table = await freshTable();
  const { tableName } = table;
  const client = documentClient(table.endpoint);
  const meter = new CapacityMeter();
  meter.attach(client);
  const planner = new BarePlanner(tableName, BENCH_PLATFORM.id,
    RuleBook.defaults().settingsFor(BENCH_PLATFORM.id));
  const tally = new Tally();

  return {
    push: async (events, timed) => {
      const writes = planner.plan(events);
      await tally.time(timed, meter, () => inFlight(writes, requestsInFlight,
        async (write, i) => {
          const sent = performance.now();
          await withRetries(() => sendBareWrite(client, tableName,
            BENCH_PLATFORM.id, write, Date.parse(events[i]!.occurredAt)));
          if (timed) tally.answer(null, performance.now() - sent, 1);
        }));
    },
    finish: async (survey) => {
      const run = tally.run(survey ? await surveyTable(table) : undefined);
      client.destroy();
      await table.stop();
      return run;
    },
  };
}

/** Sends `warmup` events untimed, then `timed` ones, through one path. */
export async function runPath(
  path: Path,
  warmup: readonly SocialEvent[],
  timed: readonly SocialEvent[],
  survey = false,
): Promise<PathRun> {
  await path.push(warmup, false);
  await path.push(timed, true);
  return path.finish(survey);
}

/** Adds up the timed requests of a path, their answers and their calls. */
class Tally {
  #events = 0;
  #seconds = 0;
  #flags = 0;
  #duplicates = 0;
  readonly #failures = new Map<number, { count: number; example: string }>();
  readonly #latenciesMs: number[] = [];
  readonly #calls: MeteredCall[] = [];

  /** Runs `work`; when timed, adds its time and its DynamoDB calls. */
  async time(
    timed: boolean,
    meter: CapacityMeter,
    work: () => Promise<unknown>,
  ): Promise<void> {
    meter.take();
    const start = performance.now();
    await work();
    const calls = meter.take();
    if (!timed) return;
    this.#seconds += (performance.now() - start) / 1000;
    this.#calls.push(...calls);
  }

  /** Counts one timed request: an HTTP answer, or null for a bare write. */
  answer(
    answer: { status: number; body: string } | null,
    ms: number,
    events: number,
  ): void {
    this.#events += events;
    this.#latenciesMs.push(ms);
    if (!answer) return;
    if (answer.status !== 200) {
      const failure = this.#failures.get(answer.status) ??
        { count: 0, example: answer.body };
      failure.count += 1;
      this.#failures.set(answer.status, failure);
      return;
    }
    const parsed = answerSchema.parse(JSON.parse(answer.body));
    this.#flags += parsed.flags.length;
    this.#duplicates += parsed.duplicates;
  }

  run(survey: TableSurvey | undefined): PathRun {
    return {
      events: this.#events,
      requests: this.#latenciesMs.length,
      seconds: this.#seconds,
      eventsPerSecond: this.#events / this.#seconds,
      units: unitsOf(this.#calls),
      calls: this.#calls,
      survey,
      flags: this.#flags,
      duplicates: this.#duplicates,
      failures: this.#failures,
      latenciesMs: this.#latenciesMs,
    };
  }
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
