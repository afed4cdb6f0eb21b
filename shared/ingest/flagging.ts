import pLimit from 'p-limit';
import { DIMENSIONS, type Counterpart, type Dimension, type EventRef } from
  '../counters/model';
import { daysEndingAt, hoursEndingAt } from '../counters/time';
import type { Account } from '../events/schema';
import { buildFlag, type CountedCounterpart } from '../flags/build';
import type { Flag } from '../flags/flag';
import { SEVERITY_RANK, type RuleId, type RuleSettings } from
  '../rules/config';
import {
  evaluatePair,
  evaluateSubject,
  subjectLookbackDays,
  type RuleDecision,
  type SubjectRuleId,
} from '../rules/evaluate';
import type { CountedEvent } from './counting';
import type { ActivityPort, FlagPort, StandingFlag } from './ports';

const PARALLEL_EVALUATIONS = 8;

/**
 * How often a flag is re-judged after another request took the lock first;
 * each loss means a newer standing flag, and severities have only two steps.
 */
const RAISE_ATTEMPTS = 3;

/** The distinct count whose marks are a subject rule's evidence. */
export const EVIDENCE_DIMENSION: Record<SubjectRuleId, Dimension> = {
  'unconnected-minor-contact': DIMENSIONS.contact,
  'rejected-by-minors': DIMENSIONS.rejected,
  'minor-content-views-spike': DIMENSIONS.viewed,
  'blocked-or-reported-by-minors': DIMENSIONS.blockedOrReported,
};

interface SubjectCase {
  subject: Account;
  /** Each rule to judge, and the events that call for judging it. */
  events: Map<SubjectRuleId, EventRef[]>;
}

interface PairCase {
  subject: Account;
  counterpart: Counterpart;
  mutualConnections: number | undefined;
  /** When the platform says the two connected, from its latest event. */
  connectedSinceMs: number | undefined;
  events: EventRef[];
}

export interface FlaggingDeps {
  activity: ActivityPort;
  flags: FlagPort;
}

/**
 * Re-judges every account the events said something about and raises the
 * flags that newly apply. Duplicates are judged too, so a request retried
 * after a failure between counting and flagging still raises its flags.
 */
export async function raiseFlags(
  deps: FlaggingDeps,
  platformId: string,
  counted: readonly CountedEvent[],
  settings: RuleSettings,
  nowMs: number,
): Promise<Flag[]> {
  const { subjects, pairs } = casesOf(counted);
  const limit = pLimit(PARALLEL_EVALUATIONS);
  const judge = new Judge(deps, platformId, settings,
    judgingInstant(counted, nowMs), nowMs);

  const raised = await Promise.all([
    ...[...subjects.values()].map((c) => limit(() => judge.subject(c))),
    ...[...pairs.values()].map((c) => limit(() => judge.pair(c))),
  ]);
  return raised.flat();
}

function casesOf(counted: readonly CountedEvent[]) {
  const subjects = new Map<string, SubjectCase>();
  const pairs = new Map<string, PairCase>();
  for (const { event, plan } of counted) {
    if (!plan.subject) continue;
    const subject = plan.subject;
    const ref = { eventId: event.id, occurredAt: event.occurredAt };
    const subjectRules = plan.rules.filter(isSubjectRule);

    if (subjectRules.length > 0) {
      const entry = subjects.get(subject.id) ??
        { subject, events: new Map() };
      for (const rule of subjectRules) {
        entry.events.set(rule, [...(entry.events.get(rule) ?? []), ref]);
      }
      subjects.set(subject.id, entry);
    }
    if (plan.rules.includes('unsolicited-messages-to-minor')) {
      const key = JSON.stringify([subject.id, event.target.id]);
      const pair = pairs.get(key) ?? {
        subject,
        counterpart: { accountId: event.target.id,
          ageBand: event.target.ageBand, region: event.target.region },
        mutualConnections: undefined,
        connectedSinceMs: undefined,
        events: [],
      };
      pair.mutualConnections = event.mutualConnections ??
        pair.mutualConnections;
      pair.connectedSinceMs = event.connectedSince === undefined
        ? pair.connectedSinceMs : Date.parse(event.connectedSince);
      pair.events.push(ref);
      pairs.set(key, pair);
    }
  }
  return { subjects, pairs };
}

/**
 * Windows end at the latest of the clock and the events judged: an event
 * stamped by a clock a few minutes fast may fall in the next hour or day,
 * and the window must still hold it.
 */
function judgingInstant(
  counted: readonly CountedEvent[],
  nowMs: number,
): number {
  return counted.reduce((latest, { event }) =>
    Math.max(latest, Date.parse(event.occurredAt)), nowMs);
}

function isSubjectRule(rule: RuleId): rule is SubjectRuleId {
  return rule !== 'unsolicited-messages-to-minor';
}

class Judge {
  constructor(
    private readonly deps: FlaggingDeps,
    private readonly platformId: string,
    private readonly settings: RuleSettings,
    private readonly judgedAtMs: number,
    private readonly raisedAtMs: number,
  ) {}

  async subject(c: SubjectCase): Promise<Flag[]> {
    const days = daysEndingAt(this.judgedAtMs,
      subjectLookbackDays(this.settings));
    const views = c.events.has('minor-content-views-spike')
      ? hoursEndingAt(this.judgedAtMs,
        this.settings.rules['minor-content-views-spike'].windowHours)
      : [];
    const activity = await this.deps.activity.readSubjectActivity(
      this.platformId, c.subject.id, this.judgedAtMs, {
        firstDay: days[0]!, lastDay: days[days.length - 1]!,
        firstHour: views[0], lastHour: views[views.length - 1],
      });

    const flags: Flag[] = [];
    for (const [ruleId, events] of c.events) {
      const decision = evaluateSubject(ruleId, this.settings, activity);
      if (!decision) continue;
      const flag = await this.raise(decision, c.subject, events, () =>
        this.deps.activity.readCounted(this.platformId, c.subject.id,
          EVIDENCE_DIMENSION[ruleId], Date.parse(decision.window.from)));
      if (flag) flags.push(flag);
    }
    return flags;
  }

  async pair(c: PairCase): Promise<Flag[]> {
    const rule = this.settings.rules['unsolicited-messages-to-minor'];
    const days = daysEndingAt(this.judgedAtMs, rule.windowDays);
    const range = { firstDay: days[0]!, lastDay: days[days.length - 1]! };
    const stored = await this.deps.activity.readPairActivity(
      this.platformId, c.subject.id, c.counterpart, this.judgedAtMs, range,
      c.mutualConnections);
    // The platform knows ties formed before Vigil saw them; it outranks
    // what Vigil learned.
    const activity = { ...stored,
      connectedSinceMs: c.connectedSinceMs ?? stored.connectedSinceMs };

    const decision = evaluatePair(this.settings, activity);
    if (!decision) return [];
    const flag = await this.raise(decision, c.subject, c.events, async () => {
      const refs = await this.deps.activity.readPairEvents(this.platformId,
        c.subject.id, c.counterpart.accountId, range);
      return refs.map((ref) => ({ ...c.counterpart, ...ref }));
    });
    return flag ? [flag] : [];
  }

  /**
   * Raises a flag unless one of the same account and rule already stands
   * at this severity or higher. Losing the lock to a concurrent request
   * means judging again against the flag that request raised.
   */
  private async raise(
    decision: RuleDecision,
    subject: Account,
    events: readonly EventRef[],
    evidence: () => Promise<CountedCounterpart[]>,
  ): Promise<Flag | null> {
    let counterparts: CountedCounterpart[] | undefined;
    for (let attempt = 1; attempt <= RAISE_ATTEMPTS; attempt += 1) {
      const standing = await this.deps.flags.standing(this.platformId,
        subject.id, decision.ruleId);
      if (standing && this.alreadyHandled(standing, decision)) return null;

      counterparts ??= await evidence();
      const flag = buildFlag({
        platformId: this.platformId,
        subject,
        decision,
        counterparts,
        triggeringEvents: events,
        raisedAtMs: this.raisedAtMs,
        supersedes: standing?.active ? standing.flagId : null,
      });
      if (await this.deps.flags.raise(flag, standing?.flagId ?? null)) {
        return flag;
      }
    }
    return null;
  }

  /**
   * Whether the standing flag already covers this decision: while it is
   * open, at the same or a higher severity; once a moderator resolved it,
   * for as long as the decision rests on no more than they reviewed. A
   * dismissed flag would otherwise come straight back on the next event.
   */
  private alreadyHandled(
    standing: StandingFlag,
    decision: RuleDecision,
  ): boolean {
    if (standing.active) {
      return SEVERITY_RANK[standing.severity] >=
        SEVERITY_RANK[decision.severity];
    }
    const headline = decision.measurements[0]?.value ?? 0;
    const sameEvidence = this.judgedAtMs < standing.evidenceLeavesWindowAtMs;
    return sameEvidence && headline <= standing.reviewedValue;
  }
}
