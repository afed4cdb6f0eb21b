import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { VigilConfig } from './config';
import { FlagFanout } from './constructs/flag-fanout';
import { FlagPublisher } from './constructs/flag-publisher';
import { VigilHttpApi } from './constructs/http-api';
import { INGEST_PATH, IngestEndpoint } from './constructs/ingest-endpoint';
import { VigilKeys } from './constructs/keys';
import { Moderators } from './constructs/moderators';
import { Monitoring } from './constructs/monitoring';
import { PlatformSecrets } from './constructs/platform-secrets';
import { ReviewEndpoints } from './constructs/review-endpoints';
import { VigilTable } from './constructs/vigil-table';

export interface VigilStackProps extends StackProps {
  readonly config: VigilConfig;
}

interface Endpoints {
  readonly api: VigilHttpApi;
  readonly moderators: Moderators;
  readonly ingest: IngestEndpoint;
  readonly review: ReviewEndpoints;
}

interface FlagsOut {
  readonly fanout: FlagFanout;
  readonly publisher: FlagPublisher;
}

/** Everything one Vigil deployment needs, in one account and region. */
export class VigilStack extends Stack {
  readonly #config: VigilConfig;
  readonly #keys: VigilKeys;
  readonly #logs: { logRetention: RetentionDays; logKey: IKey };
  readonly #deadLetterRetention: Duration;

  constructor(scope: Construct, id: string, props: VigilStackProps) {
    super(scope, id, props);
    this.#config = props.config;
    Tags.of(this).add('vigil:environment', props.config.environment);

    this.#keys = new VigilKeys(this, 'Keys', props.config.environment);
    this.#logs = {
      logRetention: props.config.logRetentionDays,
      logKey: this.#keys.store,
    };
    this.#deadLetterRetention = Duration.days(
      props.config.deadLetterRetentionDays,
    );

    const store = this.#keys.store;
    const { table } = new VigilTable(this, 'Store', store);
    const secrets = new PlatformSecrets(this, 'PlatformSecrets', store);
    const http = this.#endpoints(table, secrets);
    const flags = this.#flagsOut(table);
    const monitoring = this.#monitor(http, flags);

    this.#outputs({
      ApiUrl: [http.api.url, 'Base URL for platforms and moderator tools'],
      UserPoolId: [http.moderators.userPool.userPoolId, 'Moderator users'],
      UserPoolClientId: [
        http.moderators.client.userPoolClientId,
        'App client that moderator tools sign in with',
      ],
      PlatformSecretsArn: [
        secrets.secret.secretArn,
        'Secret holding the webhook secrets of every platform',
      ],
      UrgentQueueUrl: [flags.fanout.queues.urgent.queueUrl, 'Urgent flags'],
      UrgentQueueArn: [flags.fanout.queues.urgent.queueArn, 'Urgent flags'],
      ReviewQueueUrl: [flags.fanout.queues.review.queueUrl, 'Every flag'],
      ReviewQueueArn: [flags.fanout.queues.review.queueArn, 'Every flag'],
      QueueKeyArn: [
        this.#keys.queues.keyArn,
        'KMS key a moderator tool needs kms:Decrypt on to read the queues',
      ],
      // The keys outlive the stack; these outputs are how an operator
      // finds them afterwards to schedule their deletion.
      StoreKeyArn: [
        this.#keys.store.keyArn,
        'KMS key of the table, the platform secrets and the log groups',
      ],
      TopicKeyArn: [this.#keys.topics.keyArn, 'KMS key of the SNS topics'],
      TableName: [table.tableName, 'The DynamoDB table'],
      AlarmTopicArn: [
        monitoring.alarmTopic.topic.topicArn,
        'Subscribe further alarm receivers here',
      ],
    });
  }

  /** Platforms deliver events in; moderators read flags and decide. */
  #endpoints(table: ITable, secrets: PlatformSecrets): Endpoints {
    const moderators = new Moderators(this, 'Moderators');
    const api = new VigilHttpApi(this, 'Http', {
      environment: this.#config.environment,
      ...this.#logs,
    });
    const ingest = new IngestEndpoint(this, 'Ingest', {
      api: api.api,
      table,
      platformSecrets: secrets.secret,
      ...this.#logs,
    });
    const review = new ReviewEndpoints(this, 'Review', {
      api: api.api,
      authorizer: moderators.authorizer,
      table,
      ...this.#logs,
    });
    return { api, moderators, ingest, review };
  }

  /** Stored flags go out through SNS to the moderation queues. */
  #flagsOut(table: ITable): FlagsOut {
    const fanout = new FlagFanout(this, 'Flags', {
      topicKey: this.#keys.topics,
      queueKey: this.#keys.queues,
      queueRetention: Duration.days(this.#config.queueRetentionDays),
      deadLetterRetention: this.#deadLetterRetention,
    });
    const publisher = new FlagPublisher(this, 'Publisher', {
      table,
      topic: fanout.topic,
      storeKey: this.#keys.store,
      queueKey: this.#keys.queues,
      logRetention: this.#config.logRetentionDays,
      deadLetterRetention: this.#deadLetterRetention,
    });
    return { fanout, publisher };
  }

  /** Alarms for what an operator must act on, and a dashboard. */
  #monitor(http: Endpoints, flags: FlagsOut) {
    return new Monitoring(this, 'Monitoring', {
      environment: this.#config.environment,
      alarmEmail: this.#config.alarmEmail,
      topicKey: this.#keys.topics,
      queueKey: this.#keys.queues,
      deadLetterRetention: this.#deadLetterRetention,
      apiId: http.api.api.apiId,
      stageName: http.api.stage.stageName,
      ingestRouteKey: `POST ${INGEST_PATH}`,
      functions: [
        http.ingest.function,
        ...http.review.functions,
        flags.publisher.function,
      ],
      streamPublisher: flags.publisher.function,
      queues: flags.fanout.queues,
      deadLetterQueues: {
        ...flags.fanout.deadLetterQueues,
        'unpublished-flags': flags.publisher.failures,
      },
    });
  }

  #outputs(outputs: Record<string, readonly [string, string]>) {
    for (const [id, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value, description });
    }
  }
}
