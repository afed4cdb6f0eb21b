import type { Severity } from '../rules/config';

/**
 * Which moderation queues receive a flag. SNS decides this from the message
 * attributes of each published flag, so the policies below are written as
 * SNS subscription filter policies: the stack installs them as they are, and
 * `queuesFor` applies the same data in tests and local mode.
 */

/** The String message attributes that every published flag carries. */
export interface FlagAttributes {
  readonly platform: string;
  readonly rule: string;
  readonly severity: Severity;
}

const ATTRIBUTE_NAMES = ['platform', 'rule', 'severity'] as const satisfies
  readonly (keyof FlagAttributes)[];

/**
 * An SNS filter policy restricted to exact string matches: an attribute
 * listed here must hold one of its values, and an empty policy admits all.
 */
export type FilterPolicy = {
  readonly [name in keyof FlagAttributes]?: readonly string[];
};

export interface FlagQueue {
  readonly description: string;
  readonly filterPolicy: FilterPolicy;
}

export const QUEUE_NAMES = ['urgent', 'review'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const FLAG_QUEUES: Readonly<Record<QueueName, FlagQueue>> = {
  urgent: {
    description:
      'High-severity flags, which a moderator should look at within minutes',
    filterPolicy: { severity: ['high'] },
  },
  review: {
    // The review backlog holds every flag, urgent ones included, so that
    // one queue is the complete record of what awaits a decision.
    description: 'Every flag, for the ordinary review backlog',
    filterPolicy: {},
  },
};

/** Whether SNS would deliver a message with these attributes. */
export function matchesFilterPolicy(
  policy: FilterPolicy,
  attributes: FlagAttributes,
): boolean {
  return ATTRIBUTE_NAMES.every((name) => {
    const allowed = policy[name];
    return allowed === undefined || allowed.includes(attributes[name]);
  });
}

/** The queues that receive a flag with these attributes. */
export function queuesFor(attributes: FlagAttributes): QueueName[] {
  return QUEUE_NAMES.filter((name) =>
    matchesFilterPolicy(FLAG_QUEUES[name].filterPolicy, attributes),
  );
}
