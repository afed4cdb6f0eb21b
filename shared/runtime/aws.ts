import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { readEnv } from '../config/env';
import { SnsFlagPublisher } from '../flags/sns-publisher';
import { IngestService } from '../ingest/ingest-service';
import { SecretsManagerPlatformDirectory } from
  '../platforms/secrets-manager';
import { RuleBook } from '../rules/rule-book';
import { ActivityStore } from '../store/activity-store';
import { createDocumentClient } from '../store/dynamo-client';
import { FlagStore } from '../store/flag-store';
import { CountedEvents } from '../review/counted-events';
import { ReviewService } from '../review/review-service';
import { ReviewStore } from '../store/review-store';

const tableEnv = z.object({
  TABLE_NAME: z.string().min(1, { error: 'TABLE_NAME must name the table' }),
});

const platformEnv = tableEnv.extend({
  PLATFORM_SECRETS_ID: z.string().min(1, {
    error: 'PLATFORM_SECRETS_ID must name the platform secrets secret',
  }),
  RULES_JSON: z.string().optional(),
});

const topicEnv = z.object({
  FLAGS_TOPIC_ARN: z.string().startsWith('arn:', {
    error: 'FLAGS_TOPIC_ARN must be the ARN of the flags topic',
  }),
});

/** Logging and metrics shared by every function; created once per cold start. */
export function observability() {
  return {
    logger: new Logger({ serviceName: 'vigil' }),
    metrics: new Metrics({ namespace: 'Vigil', serviceName: 'vigil' }),
  };
}

/** The table's adapters, from TABLE_NAME. */
export function tableAdapters(env = readEnv(tableEnv)) {
  const client = createDocumentClient();
  return {
    activity: new ActivityStore(client, env.TABLE_NAME),
    flags: new FlagStore(client, env.TABLE_NAME),
  };
}

/** The platform directory from Secrets Manager, for every HTTP function. */
export function platformDirectory() {
  const env = readEnv(platformEnv.pick({ PLATFORM_SECRETS_ID: true }));
  return new SecretsManagerPlatformDirectory({
    secretId: env.PLATFORM_SECRETS_ID,
  });
}

/** The ingest service wired to DynamoDB and the deployed rules. */
export function ingestService() {
  const env = readEnv(platformEnv);
  const { activity, flags } = tableAdapters(env);
  const rules = env.RULES_JSON ? RuleBook.parse(env.RULES_JSON)
    : RuleBook.defaults();
  return new IngestService({ activity, flags, rules, now: Date.now });
}

/** The SNS publisher of new flags, from FLAGS_TOPIC_ARN. */
export function flagPublisher() {
  const env = readEnv(topicEnv);
  return new SnsFlagPublisher(new SNSClient({}), env.FLAGS_TOPIC_ARN);
}

/** Reading and deciding flags, on the table from TABLE_NAME. */
export function reviewService() {
  const env = readEnv(tableEnv);
  const client = createDocumentClient();
  return new ReviewService({
    store: new ReviewStore(client, env.TABLE_NAME),
    evidence: new CountedEvents(new ActivityStore(client, env.TABLE_NAME)),
    now: Date.now,
  });
}
