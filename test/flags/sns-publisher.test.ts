import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { flagMessage } from '../../shared/flags/message';
import { SnsFlagPublisher } from '../../shared/flags/sns-publisher';
import { sampleFlag } from './sample-flag';

const TOPIC_ARN = 'arn:aws:sns:eu-west-2:123456789012:vigil-flags';
const sns = mockClient(SNSClient);

describe('SnsFlagPublisher', () => {
  beforeEach(() => sns.reset());

  it('publishes one message per flag with its String attributes', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const flag = sampleFlag();

    await new SnsFlagPublisher(new SNSClient({}), TOPIC_ARN).publish(flag);

    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      TopicArn: TOPIC_ARN,
      Message: flagMessage(flag).json,
      MessageAttributes: {
        platform: { DataType: 'String', StringValue: 'demo' },
        rule: { DataType: 'String',
          StringValue: 'blocked-or-reported-by-minors' },
        severity: { DataType: 'String', StringValue: 'high' },
        flagId: { DataType: 'String', StringValue: flag.flagId },
      },
    });
  });

  it('rejects when SNS fails, so the stream retries the flag', async () => {
    sns.on(PublishCommand).rejects(new Error('throttled'));

    const publishing = new SnsFlagPublisher(new SNSClient({}), TOPIC_ARN)
      .publish(sampleFlag());

    await expect(publishing).rejects.toThrow('throttled');
  });
});
