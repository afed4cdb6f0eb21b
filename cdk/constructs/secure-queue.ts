import { Duration, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  type DeadLetterQueue,
  Queue,
  QueueEncryption,
} from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export interface SecureQueueProps {
  readonly key: IKey;
  readonly retention: Duration;
  readonly visibilityTimeout?: Duration;
  readonly deadLetterQueue?: DeadLetterQueue;
}

/** A queue encrypted with a Vigil key that refuses requests without TLS. */
export class SecureQueue extends Queue {
  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    super(scope, id, {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      // Reusing a data key for the longest allowed period keeps KMS calls,
      // and their cost, low without weakening the encryption.
      dataKeyReuse: Duration.hours(24),
      enforceSSL: true,
      retentionPeriod: props.retention,
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: props.deadLetterQueue,
    });
  }

  /**
   * A queue that only ever receives what failed elsewhere. It has no
   * dead-letter queue of its own: a message that fails here is kept until
   * a person has looked at it, and moving it on would only hide it.
   */
  static deadLetter(
    scope: Construct,
    id: string,
    props: Omit<SecureQueueProps, 'deadLetterQueue'>,
  ): SecureQueue {
    const queue = new SecureQueue(scope, id, props);
    Validations.of(queue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This is a dead-letter queue, the last stop for failed messages; ' +
        'an alarm fires as soon as it holds any.',
    });
    return queue;
  }
}
