import type { Account, SocialEvent } from '../events/schema';
import type { RuleId, RuleSettings } from '../rules/config';
import { subjectLookbackDays } from '../rules/evaluate';
import {
  DIMENSIONS,
  type Counterpart,
  type DayCounters,
  type Dimension,
  type DistinctMarkKey,
  type EventRef,
  type Mutation,
} from './model';
import { DAY_MS, HOUR_MS, dayOf, hourOf } from './time';

/**
 * How long Vigil remembers a connection it learned from an accepted request.
 * A year covers the "recently connected" test many times over; older ties
 * are better described by the platform's own mutualConnections.
 */
export const CONNECTION_RETENTION_MS = 365 * DAY_MS;

/**
 * How long Vigil remembers that a connection was removed: as long as an
 * acceptance from before the removal may still arrive. Events are taken up
 * to 72 hours late, so four days is enough.
 */
export const REMOVAL_RETENTION_MS = 4 * DAY_MS;

/** What stored state says about an event's two accounts before it counts. */
export interface EventState {
  /** When Vigil learned that actor and target connected, or null. */
  connectedSinceMs: number | null;
  /**
   * When the latest acceptance or removal between them that Vigil applied
   * happened; read only for those two event types.
   */
  connectionChangedAtMs?: number | null;
  /** The last time each distinct mark counted, or null if never. */
  markCountedAtMs: ReadonlyMap<string, number | null>;
}

/** The effect of one event: what to store and which rules to re-check. */
export interface EventPlan {
  /** The adult whose behaviour the event tells us about, if any. */
  subject: Account | null;
  mutations: Mutation[];
  rules: RuleId[];
}

/** A stable string for a distinct mark, used as a map key. */
export function markId(key: DistinctMarkKey): string {
  return JSON.stringify([key.account, key.dimension, key.other]);
}

export function isAdult(account: Account, settings: RuleSettings): boolean {
  return settings.ageBands.adult.includes(account.ageBand);
}

export function isMinor(account: Account, settings: RuleSettings): boolean {
  return settings.ageBands.minor.includes(account.ageBand);
}

/**
 * Whether planning an event needs to know if its two accounts are
 * connected: contact and views between an adult and a minor do, and so do
 * acceptances and removals, which must not undo a later change.
 */
export function needsConnection(
  event: SocialEvent,
  settings: RuleSettings,
): boolean {
  if (changesConnection(event)) return true;

  const asksForTie = ['friend_request.sent', 'follow.created', 'message.sent',
    'post.viewed'].includes(event.type);
  return asksForTie && rolesOf(event, settings) !== null;
}

/** The distinct marks an event could set, to be read before planning. */
export function marksNeeded(
  event: SocialEvent,
  settings: RuleSettings,
): DistinctMarkKey[] {
  const roles = rolesOf(event, settings);
  if (!roles) return [];
  return [{ account: roles.subject.id, dimension: roles.dimension,
    other: roles.other.id }];
}

/** Plans the stored changes one event makes, given what is stored now. */
export function planEvent(
  event: SocialEvent,
  settings: RuleSettings,
  state: EventState,
): EventPlan {
  if (event.type === 'friend_request.accepted') {
    return planAccepted(event, settings, state);
  }
  if (event.type === 'connection.removed') return planRemoved(event, state);

  const roles = rolesOf(event, settings);
  if (!roles) return planRequestTotalsOnly(event, settings);

  return new Planner(event, settings, state, roles).plan();
}

interface Roles {
  subject: Account;
  other: Account;
  dimension: Dimension;
  windowMs: number;
}

type CountedType = Exclude<
  SocialEvent['type'],
  'friend_request.accepted' | 'connection.removed'
>;

/**
 * For each counted event type: whether the subject under scrutiny is the
 * actor (outward) or the target (inward), and which distinct count it feeds.
 */
const COUNTED: Record<CountedType, {
  subjectIs: 'actor' | 'target';
  dimension: Dimension;
  windowMs: (rules: RuleSettings['rules']) => number;
}> = {
  'friend_request.sent': contactRole(),
  'follow.created': contactRole(),
  'message.sent': contactRole(),
  'post.viewed': {
    subjectIs: 'actor',
    dimension: DIMENSIONS.viewed,
    windowMs: (r) => r['minor-content-views-spike'].windowHours * HOUR_MS,
  },
  'friend_request.rejected': {
    subjectIs: 'target',
    dimension: DIMENSIONS.rejected,
    windowMs: (r) => r['rejected-by-minors'].windowDays * DAY_MS,
  },
  'block.created': blockedOrReportedRole(),
  'report.created': blockedOrReportedRole(),
};

function isCounted(type: SocialEvent['type']): type is CountedType {
  return Object.hasOwn(COUNTED, type);
}

function contactRole() {
  return {
    subjectIs: 'actor' as const,
    dimension: DIMENSIONS.contact,
    windowMs: (r: RuleSettings['rules']) =>
      r['unconnected-minor-contact'].windowDays * DAY_MS,
  };
}

function blockedOrReportedRole() {
  return {
    subjectIs: 'target' as const,
    dimension: DIMENSIONS.blockedOrReported,
    windowMs: (r: RuleSettings['rules']) =>
      r['blocked-or-reported-by-minors'].windowDays * DAY_MS,
  };
}

/**
 * Which account is the adult under scrutiny and which the minor, for the
 * event types that rules count; null when the event is not an interaction
 * between an adult and a minor.
 */
function rolesOf(event: SocialEvent, settings: RuleSettings): Roles | null {
  if (!isCounted(event.type)) return null;

  const role = COUNTED[event.type];
  const outward = role.subjectIs === 'actor';
  const subject = outward ? event.actor : event.target;
  const other = outward ? event.target : event.actor;
  if (!isAdult(subject, settings) || !isMinor(other, settings)) return null;

  return {
    subject,
    other,
    dimension: role.dimension,
    windowMs: role.windowMs(settings.rules),
  };
}

/** A request from an adult to someone who is not a minor still counts. */
function planRequestTotalsOnly(
  event: SocialEvent,
  settings: RuleSettings,
): EventPlan {
  const isRequest =
    event.type === 'friend_request.sent' || event.type === 'follow.created';
  if (!isRequest || !isAdult(event.actor, settings)) {
    return { subject: null, mutations: [], rules: [] };
  }

  // Only the share's denominator grows, which can never cross a threshold,
  // so no rule needs judging again.
  const at = Date.parse(event.occurredAt);
  return {
    subject: event.actor,
    rules: [],
    mutations: [countDay(event.actor.id, at, { requests: 1 }, settings)],
  };
}

function changesConnection(event: SocialEvent): boolean {
  return event.type === 'friend_request.accepted' ||
    event.type === 'connection.removed';
}

/** Whether a change at `at` is newer than the last one applied to the pair. */
function isLatestChange(at: number, state: EventState): boolean {
  const last = state.connectionChangedAtMs ?? null;
  return last === null || at > last;
}

function planAccepted(
  event: SocialEvent,
  settings: RuleSettings,
  state: EventState,
): EventPlan {
  const at = Date.parse(event.occurredAt);
  const mutations: Mutation[] = isLatestChange(at, state) ? [{
    kind: 'connect',
    a: event.actor.id,
    b: event.target.id,
    sinceMs: at,
    expiresAtMs: at + CONNECTION_RETENTION_MS,
  }] : [];

  // The actor answered; the target sent the request.
  const counts = isMinor(event.actor, settings) &&
    isAdult(event.target, settings);
  if (!counts) return { subject: null, mutations, rules: [] };

  // An acceptance only lowers the rejected share; nothing to judge again.
  mutations.push(countDay(event.target.id, at, { minorAnswers: 1 }, settings));
  return { subject: event.target, mutations, rules: [] };
}

/** A removal that arrives after a later acceptance changes nothing. */
function planRemoved(event: SocialEvent, state: EventState): EventPlan {
  const at = Date.parse(event.occurredAt);
  const mutations: Mutation[] = isLatestChange(at, state) ? [{
    kind: 'disconnect',
    a: event.actor.id,
    b: event.target.id,
    atMs: at,
    expiresAtMs: at + REMOVAL_RETENTION_MS,
  }] : [];
  return { subject: null, rules: [], mutations };
}

class Planner {
  private readonly at: number;
  private readonly mutations: Mutation[] = [];

  constructor(
    private readonly event: SocialEvent,
    private readonly settings: RuleSettings,
    private readonly state: EventState,
    private readonly roles: Roles,
  ) {
    this.at = Date.parse(event.occurredAt);
  }

  plan(): EventPlan {
    switch (this.event.type) {
      case 'friend_request.sent':
      case 'follow.created':
        return this.contact({ requests: 1, requestsToMinors: 1 }, [
          'unconnected-minor-contact',
        ]);
      case 'message.sent':
        this.countPairMessage();
        return this.contact({}, [
          'unconnected-minor-contact',
          'unsolicited-messages-to-minor',
        ]);
      case 'post.viewed':
        return this.view();
      case 'friend_request.rejected':
        return this.reject();
      default:
        return this.blockOrReport();
    }
  }

  private contact(add: Partial<DayCounters>, rules: RuleId[]): EventPlan {
    const unlinked = !this.linked();
    const marked = unlinked && this.markIfNew();
    const counts = marked ? { ...add, unlinkedMinorsContacted: 1 } : add;
    this.addDay(counts);
    return this.done(rules);
  }

  private view(): EventPlan {
    if (this.connected()) return this.done([]);

    const views = this.event.count ?? 1;
    const marked = this.markIfNew();
    this.addDay({ minorPostViews: views });
    this.mutations.push({
      kind: 'count-hour',
      account: this.roles.subject.id,
      hour: hourOf(this.at),
      add: marked ? { minorPostViews: views, minorsViewed: 1 }
        : { minorPostViews: views },
      // Read for as long as the view window covers the hour, plus a day.
      expiresAtMs: Date.parse(`${hourOf(this.at)}:00:00Z`) +
        this.roles.windowMs + DAY_MS,
    });
    return this.done(['minor-content-views-spike']);
  }

  private reject(): EventPlan {
    const marked = this.markIfNew();
    this.addDay({
      minorAnswers: 1,
      minorRejections: 1,
      ...(marked ? { minorsRejecting: 1 } : {}),
    });
    return this.done(['rejected-by-minors']);
  }

  private blockOrReport(): EventPlan {
    if (this.markIfNew()) this.addDay({ minorsBlockingOrReporting: 1 });
    return this.done(['blocked-or-reported-by-minors']);
  }

  private countPairMessage(): void {
    const window = this.settings.rules['unsolicited-messages-to-minor'];
    this.mutations.push({
      kind: 'count-pair-messages',
      account: this.roles.subject.id,
      counterpart: counterpartOf(this.roles.other),
      day: dayOf(this.at),
      messages: 1,
      event: this.ref(),
      expiresAtMs: startOfDay(this.at) + (window.windowDays + 1) * DAY_MS,
    });
  }

  /** Contact counts as unlinked only with no tie Vigil or the platform knows. */
  private linked(): boolean {
    const { actor, target } = this.event;
    const sameRegion = actor.region !== undefined &&
      actor.region === target.region;
    return this.connected() || (this.event.mutualConnections ?? 0) > 0 ||
      sameRegion;
  }

  /** Connected as Vigil learned it, or as the platform says. */
  private connected(): boolean {
    return this.state.connectedSinceMs !== null ||
      this.event.connectedSince !== undefined;
  }

  /**
   * Sets the distinct mark if this pair has not counted within the window,
   * so each minor adds one to a distinct count at most once per window.
   */
  private markIfNew(): boolean {
    const key = { account: this.roles.subject.id,
      dimension: this.roles.dimension, other: this.roles.other.id };
    const previous = this.state.markCountedAtMs.get(markId(key)) ?? null;
    if (previous !== null && this.at - previous < this.roles.windowMs) {
      return false;
    }

    this.mutations.push({
      kind: 'mark-distinct',
      key,
      previousCountedAtMs: previous,
      countedAtMs: this.at,
      counterpart: counterpartOf(this.roles.other),
      event: this.ref(),
      expiresAtMs: this.at + this.roles.windowMs + DAY_MS,
    });
    return true;
  }

  private addDay(add: Partial<DayCounters>): void {
    if (Object.keys(add).length === 0) return;
    this.mutations.push(
      countDay(this.roles.subject.id, this.at, add, this.settings),
    );
  }

  private ref(): EventRef {
    return { eventId: this.event.id, occurredAt: this.event.occurredAt };
  }

  private done(rules: RuleId[]): EventPlan {
    return { subject: this.roles.subject, mutations: this.mutations, rules };
  }
}

function countDay(
  account: string,
  at: number,
  add: Partial<DayCounters>,
  settings: RuleSettings,
): Mutation {
  return {
    kind: 'count-day',
    account,
    day: dayOf(at),
    add,
    expiresAtMs: startOfDay(at) + dayRetentionMs(settings),
  };
}

/**
 * Day counters live as long as the longest look-back any rule makes: its
 * window, or the views baseline and the days it skips, and a day of slack.
 */
export function dayRetentionMs(settings: RuleSettings): number {
  return (subjectLookbackDays(settings) + 1) * DAY_MS;
}

function counterpartOf(account: Account): Counterpart {
  return { accountId: account.id, ageBand: account.ageBand,
    region: account.region };
}

function startOfDay(ms: number): number {
  return ms - (ms % DAY_MS);
}
