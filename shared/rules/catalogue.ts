import type { RuleId, RuleSettings } from './config';

/** What a rule looks for and why, for moderators, operators and the docs. */
export interface RuleDescription {
  id: RuleId;
  title: string;
  description: string;
  reason: string;
}

/**
 * The shipped rules. Each threshold's reason sits beside it; the numbers are
 * starting points from child-protection casework, meant to be tuned per
 * platform through overrides rather than edited here.
 */
export const DEFAULT_SETTINGS: RuleSettings = {
  ageBands: {
    adult: ['18_plus'],
    // `unknown` is neither by default: guessing an age would turn missing
    // platform data into accusations.
    minor: ['under_13', '13_15', '16_17'],
  },
  rules: {
    'unconnected-minor-contact': {
      enabled: true,
      version: 1,
      // A week catches a burst of cold approaches while ordinary adults,
      // who rarely request more than one or two unknown minors a month,
      // stay far below the count.
      windowDays: 7,
      mediumAtDistinctMinors: 10,
      highAtDistinctMinors: 25,
      // Adults who are merely prolific send most requests to adults; a
      // majority aimed at minors is what sets grooming apart.
      minMinorShareOfRequests: 0.5,
    },
    'rejected-by-minors': {
      enabled: true,
      version: 1,
      // Rejections arrive slowly, so a month is needed to see a pattern.
      windowDays: 30,
      // Five different children refusing is not chance or one misclick.
      minDistinctMinors: 5,
      // Teachers and coaches are accepted by most minors they know;
      // a stranger is refused by most.
      minRejectedShare: 0.6,
      severity: 'medium',
    },
    'minor-content-views-spike': {
      enabled: true,
      version: 1,
      windowHours: 24,
      // Fifty views of ten children's posts in a day is a sweep, not
      // browsing; the spike factor keeps steady habits out.
      minViews: 50,
      minDistinctMinors: 10,
      minSpikeFactor: 5,
      baselineDays: 28,
      severity: 'medium',
    },
    'unsolicited-messages-to-minor': {
      enabled: true,
      version: 1,
      // Modelled on documented cases: a cold first message followed by
      // about two weeks of daily, heavy messaging to one child.
      windowDays: 14,
      minMessages: 30,
      // Several separate days means sustained attention, not one chat.
      minActiveDays: 3,
      // A connection this new was likely made by the messaging itself.
      newConnectionDays: 14,
      severity: 'high',
    },
    'blocked-or-reported-by-minors': {
      enabled: true,
      version: 1,
      windowDays: 30,
      // Children seldom block or report; two doing so independently in a
      // month is a strong signal that something was said to them.
      minDistinctMinors: 2,
      severity: 'high',
    },
  },
};

export const RULE_DESCRIPTIONS: Record<RuleId, RuleDescription> = {
  'unconnected-minor-contact': {
    id: 'unconnected-minor-contact',
    title: 'Cold contact with many minors',
    description:
      'An adult sends friend requests, follows or first messages to many ' +
      'distinct minors who share no connections and no region with them, ' +
      'and minors make up most of their requests.',
    reason:
      'Groomers approach many children at once and work with whoever ' +
      'answers; ordinary adults reach minors through family, school or ' +
      'local clubs, which leaves mutual connections or a shared region.',
  },
  'rejected-by-minors': {
    id: 'rejected-by-minors',
    title: 'Requests rejected by minors',
    description:
      'Many distinct minors reject the adult’s friend requests, and most of ' +
      'the adult’s answered requests to minors are rejected.',
    reason:
      'Children who do not know an adult refuse them; a high rejection ' +
      'rate is the children themselves saying the contact is unwanted.',
  },
  'minor-content-views-spike': {
    id: 'minor-content-views-spike',
    title: 'Spike in views of minors’ posts',
    description:
      'An adult views many posts of minors they are not connected to in a ' +
      'day, far above their usual daily level.',
    reason:
      'Browsing children’s profiles to pick targets shows as a sudden ' +
      'sweep; the baseline keeps relatives and steady followers out.',
  },
  'unsolicited-messages-to-minor': {
    id: 'unsolicited-messages-to-minor',
    title: 'Heavy messaging of one unconnected minor',
    description:
      'An adult sends many messages, on several days, to one minor they ' +
      'are not connected to, or only recently connected to with no mutual ' +
      'connections.',
    reason:
      'Grooming intensifies on one child once contact is made; sustained ' +
      'private messaging from a stranger is the classic escalation.',
  },
  'blocked-or-reported-by-minors': {
    id: 'blocked-or-reported-by-minors',
    title: 'Blocked or reported by minors',
    description:
      'Several distinct minors block or report the adult within a month.',
    reason:
      'A block or report is a child asking for help; more than one child ' +
      'doing so is rarely a misunderstanding.',
  },
};
