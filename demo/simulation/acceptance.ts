/** How a friend request ends. */
export type Answer = 'accepted' | 'rejected' | 'unanswered';

/** What the recipient knows of the sender when a request arrives. */
export interface RequestContext {
  mutualConnections: number;
  /** The recipient knows the sender offline: their teacher, their coach. */
  knownInPerson: boolean;
  /** An adult asking a minor. */
  adultToMinor: boolean;
  /** A sender whose profile and approach put children off. */
  offPutting: boolean;
}

type Odds = readonly (readonly [Answer, number])[];

/**
 * Measured acceptance on large platforms: a request with no mutual friend is
 * accepted about 19% of the time, one with a mutual friend about 59%.
 */
const WITH_MUTUALS: Odds = [
  ['accepted', 0.59], ['rejected', 0.12], ['unanswered', 0.29],
];
const COLD: Odds = [
  ['accepted', 0.19], ['rejected', 0.25], ['unanswered', 0.56],
];
/**
 * Children are taught to refuse adults they do not know, so they answer a
 * cold request from an adult, and mostly with a refusal; they accept about
 * as often as anyone.
 */
const COLD_ADULT_TO_MINOR: Odds = [
  ['accepted', 0.19], ['rejected', 0.6], ['unanswered', 0.21],
];
/**
 * A child's friend knowing an adult does not make the adult someone the
 * child knows; children accept such adults less readily than peers.
 */
const ADULT_TO_MINOR_WITH_MUTUALS: Odds = [
  ['accepted', 0.3], ['rejected', 0.45], ['unanswered', 0.25],
];
/**
 * An empty, new-looking profile and a pushy approach: children refuse this
 * adult even more readily than other strangers.
 */
const OFF_PUTTING_TO_MINOR: Odds = [
  ['accepted', 0.1], ['rejected', 0.7], ['unanswered', 0.2],
];
/** Pupils and players nearly always accept the teacher or coach they know. */
const KNOWN_IN_PERSON: Odds = [
  ['accepted', 0.85], ['rejected', 0.03], ['unanswered', 0.12],
];

/** The chances of each answer to one request. */
export function answerOdds(context: RequestContext): Odds {
  if (context.knownInPerson) return KNOWN_IN_PERSON;
  if (context.offPutting && context.adultToMinor) return OFF_PUTTING_TO_MINOR;
  if (context.mutualConnections > 0) {
    return context.adultToMinor ? ADULT_TO_MINOR_WITH_MUTUALS : WITH_MUTUALS;
  }
  return context.adultToMinor ? COLD_ADULT_TO_MINOR : COLD;
}
