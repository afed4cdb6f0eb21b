import { Webhook } from 'standardwebhooks';
import { markId, marksNeeded, planEvent, type EventPlan } from
  '../shared/counters/plan';
import { daysEndingAt, hoursEndingAt } from '../shared/counters/time';
import { deliverySchema, type SocialEvent } from '../shared/events/schema';
import { parseJson } from '../shared/http/request';
import { verifySignature } from '../shared/http/signature';
import type { RuleSettings } from '../shared/rules/config';
import {
  evaluatePair,
  evaluateSubject,
  type PairActivity,
  type SubjectActivity,
} from '../shared/rules/evaluate';
import { RuleBook } from '../shared/rules/rule-book';
import { signedHeaders, toDeliveries } from './deliveries';
import { BENCH_PLATFORM } from './vigil-under-test';

/** Events per second one core gets through one stage, with no database. */
export interface CpuStage {
  stage: string;
  eventsPerSecond: number;
}

interface Prepared {
  bytes: Buffer;
  headers: Record<string, string>;
  events: readonly SocialEvent[];
  plans: EventPlan[];
}

/**
 * Times the pure work of the ingest path on one core: checking signatures,
 * parsing and validating deliveries of 100, planning each event's writes,
 * and evaluating the rules an event re-checks against stored counters
 * held in memory. Each stage runs for its share of `seconds`.
 */
export function measureCpu(
  events: readonly SocialEvent[],
  seconds: number,
): CpuStage[] {
  const settings = RuleBook.defaults().settingsFor(BENCH_PLATFORM.id);
  const signer = new Webhook(BENCH_PLATFORM.secret);
  const prepared = toDeliveries(events, 100).map((delivery) => ({
    bytes: Buffer.from(delivery.body),
    headers: signedHeaders(signer, delivery.body),
    events: delivery.events,
    plans: delivery.events.map((event) => plan(event, settings)),
  }));
  const share = seconds / 5;
  const nowMs = Math.max(...events.map((e) => Date.parse(e.occurredAt)));
  const stored = { subject: subjectActivity(nowMs), pair: pairActivity(nowMs) };
  const stages: [string, (p: Prepared) => void][] = [
    ['verify signature', (p) => verify(p)],
    ['parse + validate', (p) => parse(p)],
    ['plan writes', (p) => p.events.forEach((e) => plan(e, settings))],
    ['evaluate rules', (p) => evaluate(p.plans, settings, stored)],
    ['all four', (p) => {
      verify(p);
      parse(p).forEach((event) => plan(event, settings));
      evaluate(p.plans, settings, stored);
    }],
  ];
  return stages.map(([stage, work]) =>
    ({ stage, eventsPerSecond: rate(prepared, share, work) }));
}

function rate(
  prepared: readonly Prepared[],
  seconds: number,
  work: (p: Prepared) => void,
): number {
  let events = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (const p of prepared) {
      work(p);
      events += p.events.length;
    }
  }
  return events / ((performance.now() - start) / 1000);
}

function verify(p: Prepared): void {
  verifySignature(p.bytes, p.headers, [BENCH_PLATFORM.secret]);
}

function parse(p: Prepared): readonly SocialEvent[] {
  return deliverySchema.parse(parseJson(p.bytes)).events;
}

/** Plans an event as if nothing about its accounts were stored yet. */
function plan(event: SocialEvent, settings: RuleSettings): EventPlan {
  const marks = marksNeeded(event, settings);
  return planEvent(event, settings, {
    connectedSinceMs: null,
    markCountedAtMs: new Map(marks.map((mark) => [markId(mark), null])),
  });
}

/** Judges every rule each event re-checks, as the flagging step does. */
function evaluate(
  plans: readonly EventPlan[],
  settings: RuleSettings,
  stored: { subject: SubjectActivity; pair: PairActivity },
): void {
  for (const { rules } of plans) {
    for (const rule of rules) {
      if (rule === 'unsolicited-messages-to-minor') {
        evaluatePair(settings, stored.pair);
      } else {
        evaluateSubject(rule, settings, stored.subject);
      }
    }
  }
}

/** A month of modest activity, as the day and hour counters would hold. */
function subjectActivity(nowMs: number): SubjectActivity {
  const days = new Map(daysEndingAt(nowMs, 30).map((day) => [day, {
    requests: 4, requestsToMinors: 1, unlinkedMinorsContacted: 1,
    minorAnswers: 1, minorRejections: 0, minorsRejecting: 0,
    minorPostViews: 3, minorsBlockingOrReporting: 0,
  }]));
  const hours = new Map(hoursEndingAt(nowMs, 24).map((hour) =>
    [hour, { minorPostViews: 1, minorsViewed: 1 }]));
  return { nowMs, days, hours };
}

function pairActivity(nowMs: number): PairActivity {
  return {
    nowMs,
    counterpart: { accountId: 'minor-1', ageBand: '13_15' },
    messagesByDay: new Map(daysEndingAt(nowMs, 14).map((day) => [day, 2])),
    connectedSinceMs: null,
    mutualConnections: 0,
  };
}
