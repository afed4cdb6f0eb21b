import {
  PublishCommand,
  type MessageAttributeValue,
  type SNSClient,
} from '@aws-sdk/client-sns';
import type { FlagPublisher } from '../outbox/ports';
import type { Flag } from './flag';
import { flagMessage } from './message';

/** Publishes each flag to the flags topic, which routes it to the queues. */
export class SnsFlagPublisher implements FlagPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(flag: Flag): Promise<void> {
    const message = flagMessage(flag);
    const attributes: Record<string, MessageAttributeValue> = {};
    for (const [name, value] of Object.entries(message.attributes)) {
      attributes[name] = { DataType: 'String', StringValue: value };
    }
    await this.sns.send(new PublishCommand({
      TopicArn: this.topicArn,
      Message: message.json,
      MessageAttributes: attributes,
    }));
  }
}
