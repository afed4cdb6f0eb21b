import { HOUR_MS } from '../../shared/counters/time';
import type { SocialEvent } from '../../shared/events/schema';
import { answerOdds, type Answer } from './acceptance';
import type { Agenda } from './agenda';
import type { Calendar } from './clock';
import type { Directory } from './directory';
import type { Families } from './families';
import type { FriendGraph } from './graph';
import { accountOf, isAdult, isMinor } from './population';
import type { Random } from './random';

/** One friend request and how it ended, kept to check the simulation. */
export interface RequestRecord {
  from: string;
  to: string;
  mutualConnections: number;
  knownInPerson: boolean;
  answer: Answer;
}

export interface RequestOptions {
  knownInPerson?: boolean;
  offPutting?: boolean;
  /** Chance that a minor who did not want this contact blocks or reports. */
  unwelcome?: number;
}

const MINUTE_MS = 60_000;

/**
 * A minor cold-contacted by an adult they do not know blocks or reports
 * them this often. Kept low: most such contact is clumsy, not predatory,
 * and most children simply ignore it.
 */
const ORDINARY_UNWELCOME = 0.04;
/** Of the minors who push back, this share reports rather than blocks. */
const REPORTS_RATHER_THAN_BLOCKS = 0.3;

/**
 * The simulated platform while it runs: who is friends with whom, who
 * follows and blocks whom, and every event it sends to Vigil, in time order.
 * Each action is given a time and runs when the agenda reaches it.
 */
export class World {
  readonly events: SocialEvent[] = [];
  readonly requests: RequestRecord[] = [];
  readonly #asked = new Set<string>();
  readonly #follows = new Set<string>();
  readonly #blocks = new Set<string>();
  readonly #reacted = new Set<string>();
  readonly #random: Random;

  constructor(
    readonly directory: Directory,
    readonly graph: FriendGraph,
    readonly families: Families,
    readonly calendar: Calendar,
    private readonly agenda: Agenda,
    random: Random,
  ) {
    this.#random = random.fork('world');
  }

  /** Sends a friend request at `at`, unless one was sent before. */
  request(from: string, to: string, at: number, options: RequestOptions = {}) {
    this.agenda.schedule(at, () => this.#request(from, to, at, options));
  }

  /** Follows an account at `at`, once. */
  follow(from: string, to: string, at: number): void {
    this.agenda.schedule(at, () => {
      if (!this.#reachable(from, to) || this.#follows.has(key(from, to))) {
        return;
      }
      this.#follows.add(key(from, to));
      this.#emit('follow.created', from, to, at);
      this.#reactToContact(from, to, at, ORDINARY_UNWELCOME);
    });
  }

  message(from: string, to: string, at: number, unwelcome?: number): void {
    this.agenda.schedule(at, () => {
      if (!this.#reachable(from, to)) return;
      this.#emit('message.sent', from, to, at);
      this.#reactToContact(from, to, at, unwelcome ?? ORDINARY_UNWELCOME);
    });
  }

  /** Views `count` posts of `owner`, reported as one event. */
  view(viewer: string, owner: string, at: number, count = 1): void {
    this.agenda.schedule(at, () => {
      if (this.#blocks.has(key(owner, viewer))) return;
      this.#emit('post.viewed', viewer, owner, at, count);
    });
  }

  /** Ends a friendship, as people prune their lists now and then. */
  unfriend(from: string, to: string, at: number): void {
    this.agenda.schedule(at, () => {
      if (!this.graph.connected(from, to)) return;
      this.graph.disconnect(from, to);
      this.#emit('connection.removed', from, to, at);
    });
  }

  /** Blocks an account, or reports it, which also cuts any friendship. */
  block(from: string, to: string, at: number, report = false): void {
    this.agenda.schedule(at, () => this.#block(from, to, at, report));
  }

  follows(from: string, to: string): boolean {
    return this.#follows.has(key(from, to));
  }

  /** Whether `from` has ever asked `to` to be friends. */
  asked(from: string, to: string): boolean {
    return this.#asked.has(key(from, to));
  }

  blocked(blocker: string, blocked: string): boolean {
    return this.#blocks.has(key(blocker, blocked));
  }

  #request(from: string, to: string, at: number, options: RequestOptions) {
    const pair = key(from, to);
    const fresh = !this.#asked.has(pair) && !this.graph.connected(from, to);
    if (!fresh || !this.#reachable(from, to)) return;

    this.#asked.add(pair);
    const mutualConnections = this.graph.mutualCount(from, to);
    this.#emit('friend_request.sent', from, to, at);
    const answer = this.#random.weighted(answerOdds({
      mutualConnections,
      knownInPerson: options.knownInPerson ?? false,
      adultToMinor: this.#adultToMinor(from, to),
      offPutting: options.offPutting ?? false,
    }));
    this.requests.push({ from, to, mutualConnections,
      knownInPerson: options.knownInPerson ?? false, answer });
    this.#scheduleAnswer(from, to, at, answer);
    // A child who accepts welcomed the request; only the others push back.
    if (answer === 'accepted') return;
    this.#reactToContact(from, to, at, options.unwelcome ?? ORDINARY_UNWELCOME);
  }

  #scheduleAnswer(from: string, to: string, at: number, answer: Answer) {
    if (answer === 'unanswered') return;

    // Most answers come within hours; some wait for days.
    const delay = Math.min(5 * 24 * HOUR_MS, Math.max(5 * MINUTE_MS,
      this.#random.logNormal(6 * HOUR_MS, 1)));
    const answeredAt = Math.round(at + delay);
    this.agenda.schedule(answeredAt, () => {
      if (this.#blocks.has(key(to, from))) return;
      const accepted = answer === 'accepted';
      if (accepted) this.graph.connect(from, to, answeredAt);
      this.#emit(accepted ? 'friend_request.accepted'
        : 'friend_request.rejected', to, from, answeredAt);
    });
  }

  /**
   * A minor contacted out of the blue by an adult they share no one with
   * may block or report them; they decide once per adult. Minors who follow
   * the adult sought them out and never do.
   */
  #reactToContact(from: string, to: string, at: number, chance: number) {
    const pair = key(to, from);
    const cold = this.#adultToMinor(from, to) &&
      !this.graph.connected(from, to) &&
      this.graph.mutualCount(from, to) === 0 && !this.#follows.has(pair);
    if (!cold || this.#reacted.has(pair)) return;

    this.#reacted.add(pair);
    if (!this.#random.chance(chance)) return;
    const later = at + Math.round(this.#random.logNormal(3 * HOUR_MS, 1)) +
      MINUTE_MS;
    const report = this.#random.chance(REPORTS_RATHER_THAN_BLOCKS);
    this.block(to, from, later, report);
  }

  #block(from: string, to: string, at: number, report: boolean): void {
    if (this.#blocks.has(key(from, to))) return;
    this.#blocks.add(key(from, to));
    this.#emit(report ? 'report.created' : 'block.created', from, to, at);
    if (this.graph.connected(from, to)) this.graph.disconnect(from, to);
  }

  /** No contact gets through a block in either direction. */
  #reachable(from: string, to: string): boolean {
    return !this.#blocks.has(key(to, from)) &&
      !this.#blocks.has(key(from, to));
  }

  #adultToMinor(from: string, to: string): boolean {
    return isAdult(this.directory.get(from)) &&
      isMinor(this.directory.get(to));
  }

  #emit(
    type: SocialEvent['type'],
    actor: string,
    target: string,
    at: number,
    count = 1,
  ): void {
    this.events.push({
      id: `ev_${this.events.length.toString(36).padStart(6, '0')}`,
      type,
      occurredAt: new Date(at).toISOString(),
      actor: accountOf(this.directory.get(actor)),
      target: accountOf(this.directory.get(target)),
      mutualConnections: this.graph.mutualCount(actor, target),
      ...connectedSince(this.graph.connectedSince(actor, target)),
      ...(count > 1 ? { count } : {}),
    });
  }
}

/**
 * The platform says since when the two are friends, if they are, so that
 * Vigil knows of ties formed before it was listening.
 */
function connectedSince(sinceMs: number | undefined) {
  return sinceMs === undefined ? {}
    : { connectedSince: new Date(sinceMs).toISOString() };
}

function key(from: string, to: string): string {
  return `${from}>${to}`;
}
