import { readEnv } from '../config/env';
import { IngestService } from '../ingest/ingest-service';
import { CountedEvents } from '../review/counted-events';
import { ReviewService } from '../review/review-service';
import { RuleBook } from '../rules/rule-book';
import { ActivityStore } from '../store/activity-store';
import { createDocumentClient } from '../store/dynamo-client';
import { FlagStore } from '../store/flag-store';
import { ReviewStore } from '../store/review-store';
import { platformEnv, tableEnv } from './env';

/** The table's adapters, from TABLE_NAME. */
export function tableAdapters(env = readEnv(tableEnv)) {
  const client = createDocumentClient();
  return {
    activity: new ActivityStore(client, env.TABLE_NAME),
    flags: new FlagStore(client, env.TABLE_NAME),
  };
}

/** The ingest service wired to DynamoDB and the deployed rules. */
export function ingestService() {
  const env = readEnv(platformEnv);
  const { activity, flags } = tableAdapters(env);
  const rules = env.RULES_JSON ? RuleBook.parse(env.RULES_JSON)
    : RuleBook.defaults();
  return new IngestService({ activity, flags, rules, now: Date.now });
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
