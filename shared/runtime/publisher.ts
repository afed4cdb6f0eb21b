import { SNSClient } from '@aws-sdk/client-sns';
import { readEnv } from '../config/env';
import { SnsFlagPublisher } from '../flags/sns-publisher';
import { topicEnv } from './env';

/** The SNS publisher of new flags, from FLAGS_TOPIC_ARN. */
export function flagPublisher() {
  const env = readEnv(topicEnv);
  return new SnsFlagPublisher(new SNSClient({}), env.FLAGS_TOPIC_ARN);
}
