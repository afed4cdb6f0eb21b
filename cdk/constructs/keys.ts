import { ArnFormat, Aws, Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The customer-managed keys. They are split by who must decrypt: moderator
 * tools get the queue key and nothing else, and SNS topics need a key of
 * their own because the queue key's policy names the topics that may use it.
 */
export class VigilKeys extends Construct {
  /** The table, the platform secrets and the log groups. */
  readonly store: Key;
  /** The SQS queues, which moderator tools read. */
  readonly queues: Key;
  /** The SNS topics. */
  readonly topics: Key;

  constructor(scope: Construct, id: string, environment: string) {
    super(scope, id);

    this.store = this.#key('Store', {
      alias: `vigil-${environment}-store`,
      description: 'Vigil: the table, platform secrets and log groups',
    });
    this.queues = this.#key('Queues', {
      alias: `vigil-${environment}-queues`,
      description: 'Vigil: the moderation and dead-letter queues',
    });
    this.topics = this.#key('Topics', {
      alias: `vigil-${environment}-topics`,
      description: 'Vigil: the flags and alarms topics',
    });
    this.#letLogsEncrypt();
    this.#letAlarmsPublish();
  }

  #key(id: string, names: { alias: string; description: string }) {
    return new Key(this, id, {
      ...names,
      enableKeyRotation: true,
      // The longest window, so a key deleted by mistake can be recovered.
      pendingWindow: Duration.days(30),
    });
  }

  /** CloudWatch Logs encrypts every Vigil log group, and only those. */
  #letLogsEncrypt() {
    this.store.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
        actions: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': Stack.of(this).formatArn({
              service: 'logs',
              resource: '*',
              arnFormat: ArnFormat.NO_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
  }

  /**
   * CloudWatch alarms need the topic key to publish to an encrypted topic.
   * Only on behalf of this account's alarms, so another account's alarm
   * cannot use the key; which alarms may publish to which topic is limited
   * further by the alarm topic's own policy.
   */
  #letAlarmsPublish() {
    this.topics.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
        },
      }),
    );
  }
}
