import { ArnFormat, type Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { SecureQueue } from './secure-queue';

export interface AlarmTopicProps {
  readonly email?: string;
  readonly topicKey: IKey;
  readonly queueKey: IKey;
  readonly deadLetterRetention: Duration;
}

/** Where every Vigil alarm is announced, and the operator who hears it. */
export class AlarmTopic extends Construct {
  readonly topic: Topic;
  /** Alarm notifications SNS could not e-mail, if an address is given. */
  readonly undeliverable?: SecureQueue;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Vigil alarms',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    // The topic policy replaces the account default, so CloudWatch must be
    // let in explicitly, and only for this account's alarms.
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': Stack.of(this).formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );

    if (props.email !== undefined) {
      this.undeliverable = this.#subscribe(props.email, props);
    }
  }

  #subscribe(email: string, props: AlarmTopicProps) {
    const undeliverable = SecureQueue.deadLetter(this, 'Undeliverable', {
      key: props.queueKey,
      retention: props.deadLetterRetention,
    });
    Validations.of(undeliverable).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the alarm e-mail ' +
        'subscription, which cdk-nag does not recognise as a dead-letter use.',
    });
    // SNS encrypts what it moves to the dead-letter queue with the queue key.
    props.queueKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': this.topic.topicArn } },
      }),
    );

    this.topic.addSubscription(
      new EmailSubscription(email, { deadLetterQueue: undeliverable }),
    );
    return undeliverable;
  }
}
