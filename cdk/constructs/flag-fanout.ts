import { Duration, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SubscriptionFilter, Topic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import {
  FLAG_QUEUES,
  type FilterPolicy,
  QUEUE_NAMES,
  type QueueName,
} from '../../shared/flags/routing';
import { SecureQueue } from './secure-queue';

/** Tools handle one flag at a time; five minutes covers a slow one. */
const TOOL_VISIBILITY_TIMEOUT = Duration.minutes(5);

/** A flag a tool fails on five times will not succeed on the sixth. */
const MAX_RECEIVES = 5;

export interface FlagFanoutProps {
  readonly topicKey: IKey;
  readonly queueKey: IKey;
  readonly queueRetention: Duration;
  readonly deadLetterRetention: Duration;
}

/**
 * The flags topic and the moderation queues it feeds. SNS routes each flag
 * by its message attributes, using the filter policies from the shared
 * routing definition, and delivers the flag's JSON unwrapped.
 */
export class FlagFanout extends Construct {
  readonly topic: Topic;
  readonly queues: Readonly<Record<QueueName, SecureQueue>>;
  /** Every queue here that holds only failures, by name, for alarms. */
  readonly deadLetterQueues: Readonly<Record<string, SecureQueue>>;
  readonly #props: FlagFanoutProps;
  readonly #undeliverable: SecureQueue;

  constructor(scope: Construct, id: string, props: FlagFanoutProps) {
    super(scope, id);
    this.#props = props;

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Vigil flags',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    this.#undeliverable = this.#undeliverableQueue();

    const urgent = this.#subscribe('urgent');
    const review = this.#subscribe('review');
    this.queues = { urgent: urgent.queue, review: review.queue };
    this.deadLetterQueues = {
      'urgent-dead-letters': urgent.deadLetters,
      'review-dead-letters': review.deadLetters,
      'undeliverable-flags': this.#undeliverable,
    };
  }

  #subscribe(name: QueueName) {
    const id = name.charAt(0).toUpperCase() + name.slice(1);
    const deadLetters = SecureQueue.deadLetter(this, `${id}DeadLetters`, {
      key: this.#props.queueKey,
      retention: this.#props.deadLetterRetention,
    });
    const queue = new SecureQueue(this, `${id}Queue`, {
      key: this.#props.queueKey,
      retention: this.#props.queueRetention,
      visibilityTimeout: TOOL_VISIBILITY_TIMEOUT,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVES },
    });

    this.topic.addSubscription(
      new SqsSubscription(queue, {
        rawMessageDelivery: true,
        filterPolicy: snsFilterPolicy(FLAG_QUEUES[name].filterPolicy),
        deadLetterQueue: this.#undeliverable,
      }),
    );
    return { queue, deadLetters };
  }

  /** Where SNS puts a flag it could not deliver to a queue. */
  #undeliverableQueue() {
    const queue = SecureQueue.deadLetter(this, 'Undeliverable', {
      key: this.#props.queueKey,
      retention: this.#props.deadLetterRetention,
    });
    Validations.of(queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the SNS subscriptions, ' +
        'which cdk-nag does not recognise as a dead-letter use.',
    });
    return queue;
  }
}

/** The shared routing data in the form the CDK subscription takes. */
function snsFilterPolicy(policy: FilterPolicy) {
  const filters: Record<string, SubscriptionFilter> = {};
  for (const [attribute, allowlist] of Object.entries(policy)) {
    if (allowlist !== undefined) {
      filters[attribute] = SubscriptionFilter.stringFilter({
        allowlist: [...allowlist],
      });
    }
  }
  return Object.keys(filters).length === 0 ? undefined : filters;
}
