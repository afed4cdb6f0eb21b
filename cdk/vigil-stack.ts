import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
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

/** Everything one Vigil deployment needs, in one account and region. */
export class VigilStack extends Stack {
  constructor(scope: Construct, id: string, props: VigilStackProps) {
    super(scope, id, props);
    const { config } = props;
    Tags.of(this).add('vigil:environment', config.environment);

    const keys = new VigilKeys(this, 'Keys', config.environment);
    const logs = { logRetention: config.logRetentionDays, logKey: keys.store };
    const { table } = new VigilTable(this, 'Store', keys.store);
    const secrets = new PlatformSecrets(this, 'PlatformSecrets', keys.store);
    const moderators = new Moderators(this, 'Moderators');

    // Platforms in, moderators out.
    const http = new VigilHttpApi(this, 'Http', {
      environment: config.environment,
      ...logs,
    });
    const ingest = new IngestEndpoint(this, 'Ingest', {
      api: http.api,
      table,
      platformSecrets: secrets.secret,
      functionsDir: config.functionsDir,
      ...logs,
    });
    const review = new ReviewEndpoints(this, 'Review', {
      api: http.api,
      authorizer: moderators.authorizer,
      table,
      platformSecrets: secrets.secret,
      functionsDir: config.functionsDir,
      ...logs,
    });

    // Stored flags out to the moderation queues.
    const deadLetterRetention = Duration.days(config.deadLetterRetentionDays);
    const fanout = new FlagFanout(this, 'Flags', {
      topicKey: keys.topics,
      queueKey: keys.queues,
      queueRetention: Duration.days(config.queueRetentionDays),
      deadLetterRetention,
    });
    const publisher = new FlagPublisher(this, 'Publisher', {
      table,
      topic: fanout.topic,
      functionsDir: config.functionsDir,
      storeKey: keys.store,
      queueKey: keys.queues,
      logRetention: config.logRetentionDays,
      deadLetterRetention,
    });


    const monitoring = new Monitoring(this, 'Monitoring', {
      environment: config.environment,
      alarmEmail: config.alarmEmail,
      topicKey: keys.topics,
      queueKey: keys.queues,
      deadLetterRetention,
      apiId: http.api.apiId,
      stageName: http.stage.stageName,
      ingestRouteKey: `POST ${INGEST_PATH}`,
      functions: [ingest.function, ...review.functions, publisher.function],
      streamPublisher: publisher.function,
      queues: fanout.queues,
      deadLetterQueues: {
        ...fanout.deadLetterQueues,
        'unpublished-flags': publisher.failures,
      },
    });

    this.#outputs({
      ApiUrl: [http.url, 'Base URL for platforms and moderator tools'],
      UserPoolId: [moderators.userPool.userPoolId, 'Moderator user pool'],
      UserPoolClientId: [
        moderators.client.userPoolClientId,
        'App client that moderator tools sign in with',
      ],
      PlatformSecretsArn: [
        secrets.secret.secretArn,
        'Secret holding the webhook secrets of every platform',
      ],
      UrgentQueueUrl: [fanout.queues.urgent.queueUrl, 'High-severity flags'],
      UrgentQueueArn: [fanout.queues.urgent.queueArn, 'High-severity flags'],
      ReviewQueueUrl: [fanout.queues.review.queueUrl, 'Every flag'],
      ReviewQueueArn: [fanout.queues.review.queueArn, 'Every flag'],
      QueueKeyArn: [
        keys.queues.keyArn,
        'KMS key a moderator tool needs kms:Decrypt on to read the queues',
      ],
      TableName: [table.tableName, 'The DynamoDB table'],
      AlarmTopicArn: [
        monitoring.alarmTopic.topic.topicArn,
        'Subscribe further alarm receivers here',
      ],
    });
  }

  #outputs(outputs: Record<string, readonly [string, string]>) {
    for (const [id, [value, description]] of Object.entries(outputs)) {
      new CfnOutput(this, id, { value, description });
    }
  }
}
