import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  FilterCriteria,
  FilterRule,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import {
  DynamoEventSource,
  SqsDlq,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { keys } from '../../shared/store/keys';
import { TABLE } from '../../shared/store/table';
import { SecureQueue } from './secure-queue';
import { VigilFunction } from './vigil-function';

export interface FlagPublisherProps {
  readonly table: ITable;
  readonly topic: ITopic;
  readonly storeKey: IKey;
  readonly queueKey: IKey;
  readonly logRetention: RetentionDays;
  readonly deadLetterRetention: Duration;
}

/**
 * Publishes each new flag from the table's stream to the flags
 * topic. Writing the flag and publishing it are separate steps, so a flag
 * is never announced unless it was stored (the outbox pattern).
 */
export class FlagPublisher extends Construct {
  readonly function: VigilFunction;
  /** Stream records that could not be published, as pointers. */
  readonly failures: SecureQueue;

  constructor(scope: Construct, id: string, props: FlagPublisherProps) {
    super(scope, id);

    this.function = new VigilFunction(this, 'Function', {
      entry: 'publish-flags',
      description: 'Publishes new flags from the table stream to SNS',
      memorySize: 512,
      // A batch publishes up to 25 flags, one SNS call each.
      timeout: Duration.seconds(60),
      environment: { FLAGS_TOPIC_ARN: props.topic.topicArn },
      logRetention: props.logRetention,
      logKey: props.storeKey,
    });
    props.topic.grantPublish(this.function);

    this.failures = SecureQueue.deadLetter(this, 'Failures', {
      key: props.queueKey,
      retention: props.deadLetterRetention,
    });
    Validations.of(this.failures).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination of the stream event ' +
        'source, which cdk-nag does not recognise as a dead-letter use.',
    });
    this.function.addEventSource(this.#streamSource(props.table));
    this.function.acknowledgeEncryptedWrites();
  }

  #streamSource(table: ITable) {
    return new DynamoEventSource(table, {
      // The oldest records first: a flag must not be skipped because the
      // publisher was deployed after it was written.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 25,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      // A publish fails only while SNS or KMS is unavailable, so it is
      // retried for as long as the stream keeps the record (24 hours);
      // only then does its pointer go to the failure queue, whose alarm
      // calls an operator. Unreadable records are skipped by the handler,
      // so none can hold the shard back.
      retryAttempts: -1,
      maxRecordAge: Duration.hours(24),
      onFailure: new SqsDlq(this.failures),
      // The stream carries every write; only newly inserted flag items
      // concern SNS (decisions modify flags and are not announced again),
      // and Lambda drops the rest before they cost an invocation.
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: {
            Keys: {
              [TABLE.sortKey]: { S: FilterRule.beginsWith(keys.flagPrefix) },
            },
          },
        }),
      ],
    });
  }
}
