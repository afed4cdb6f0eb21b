import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  FLAG_QUEUES,
  matchesFilterPolicy,
  QUEUE_NAMES,
  type QueueName,
} from '../../shared/flags/routing';
import { keys } from '../../shared/store/keys';
import { TABLE } from '../../shared/store/table';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';
import { type Resource, TemplateGraph } from './template-graph';

let graph: TemplateGraph;

beforeAll(() => {
  graph = new TemplateGraph(synthesizeVigil({ bundle: false }).template);
}, SYNTH_TIMEOUT_MS);

const installedPolicySchema = z.partialRecord(
  z.enum(['platform', 'rule', 'severity']),
  z.array(z.string()),
);

const OUTPUT_OF_QUEUE: Record<QueueName, string> = {
  urgent: 'UrgentQueueArn',
  review: 'ReviewQueueArn',
};

const subscriptionOf = (queue: Resource) =>
  graph
    .all('AWS::SNS::Subscription')
    .find((s) => graph.refersTo(s.Properties?.Endpoint, queue)) ??
  expect.fail(`no subscription for ${queue.id}`);

const flagsTopic = () => {
  const urgent = graph.output(OUTPUT_OF_QUEUE.urgent);
  return graph.target(subscriptionOf(urgent).Properties?.TopicArn);
};

const denies = (policy: Resource) =>
  z
    .object({
      Statement: z.array(
        z.looseObject({ Effect: z.string(), Condition: z.unknown() }),
      ),
    })
    .parse(policy.Properties?.PolicyDocument)
    .Statement.filter((statement) => statement.Effect === 'Deny');

const refusesPlainHttp = (policy: Resource) =>
  denies(policy).some(
    (statement) =>
      JSON.stringify(statement.Condition) ===
      JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
  );

describe('the flags topic', () => {
  it('is encrypted with a customer-managed key', () => {
    const key = graph.target(flagsTopic().Properties?.KmsMasterKeyId);

    expect(key.Type).toBe('AWS::KMS::Key');
  });

  it('refuses publishers that do not use TLS', () => {
    const topic = flagsTopic();

    const policy = graph
      .all('AWS::SNS::TopicPolicy')
      .find((p) =>
        z.array(z.unknown()).parse(p.Properties?.Topics).some((t) =>
          graph.refersTo(t, topic),
        ),
      );
    expect(policy && refusesPlainHttp(policy)).toBe(true);
  });
});

describe('the moderation queues', () => {
  it.each(QUEUE_NAMES)(
    'subscribe %s with the filter policy of the shared routing',
    (name) => {
      const queue = graph.output(OUTPUT_OF_QUEUE[name]);

      const subscription = subscriptionOf(queue);
      const installed = subscription.Properties?.FilterPolicy ?? {};
      expect(installed).toEqual(FLAG_QUEUES[name].filterPolicy);
    },
  );

  it('send high-severity flags to both queues and the rest to review', () => {
    const receivers = (severity: 'medium' | 'high') =>
      QUEUE_NAMES.filter((name) => {
        const queue = graph.output(OUTPUT_OF_QUEUE[name]);
        const subscription = subscriptionOf(queue);
        const policy = installedPolicySchema.parse(
          subscription.Properties?.FilterPolicy ?? {},
        );
        return matchesFilterPolicy(policy, {
          platform: 'acme-social',
          rule: 'many-minors-contacted',
          severity,
        });
      });

    expect(receivers('high')).toEqual(['urgent', 'review']);
    expect(receivers('medium')).toEqual(['review']);
  });

  it('receive flags as raw messages, with a dead-letter queue for SNS', () => {
    for (const name of QUEUE_NAMES) {
      const queue = graph.output(OUTPUT_OF_QUEUE[name]);
      const subscription = subscriptionOf(queue);

      const redrive = z
        .object({ deadLetterTargetArn: z.unknown() })
        .parse(subscription.Properties?.RedrivePolicy);
      expect(subscription.Properties?.RawMessageDelivery).toBe(true);
      expect(graph.target(redrive.deadLetterTargetArn).Type).toBe(
        'AWS::SQS::Queue',
      );
    }
  });
});

describe('every queue', () => {
  it('is encrypted with a customer-managed key', () => {
    for (const queue of graph.all('AWS::SQS::Queue')) {
      const key = graph.target(queue.Properties?.KmsMasterKeyId);

      expect(key.Type).toBe('AWS::KMS::Key');
    }
  });

  it('refuses requests that do not use TLS', () => {
    for (const queue of graph.all('AWS::SQS::Queue')) {
      const policy = graph
        .all('AWS::SQS::QueuePolicy')
        .find((p) =>
          z.array(z.unknown()).parse(p.Properties?.Queues).some((q) =>
            graph.refersTo(q, queue),
          ),
        );

      expect(policy && refusesPlainHttp(policy), queue.id).toBe(true);
    }
  });

  it('that has a dead-letter queue keeps failures longer than messages', () => {
    const redriven = graph
      .all('AWS::SQS::Queue')
      .filter((q) => q.Properties?.RedrivePolicy !== undefined);

    expect(redriven.length).toBeGreaterThan(0);
    for (const queue of redriven) {
      const redrive = z
        .object({ deadLetterTargetArn: z.unknown() })
        .parse(queue.Properties?.RedrivePolicy);
      const deadLetters = graph.target(redrive.deadLetterTargetArn);
      const retention = (q: Resource) =>
        graph.property(q, 'MessageRetentionPeriod', z.number());

      expect(retention(deadLetters)).toBeGreaterThan(retention(queue));
    }
  });
});

describe('the flag publisher', () => {
  const mapping = () => {
    const mappings = graph.all('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    return mappings[0] ?? expect.fail('no event source mapping');
  };

  it('reads the table stream from the oldest record', () => {
    const source = graph.target(mapping().Properties?.EventSourceArn);

    expect(source.Type).toBe('AWS::DynamoDB::Table');
    expect(mapping().Properties?.StartingPosition).toBe('TRIM_HORIZON');
  });

  it('is invoked only for newly inserted flag items', () => {
    const criteria = graph.property(
      mapping(),
      'FilterCriteria',
      z.object({ Filters: z.array(z.object({ Pattern: z.string() })) }),
    );

    expect(criteria.Filters.map((f) => JSON.parse(f.Pattern))).toEqual([
      {
        eventName: ['INSERT'],
        dynamodb: {
          Keys: { [TABLE.sortKey]: { S: [{ prefix: keys.flagPrefix }] } },
        },
      },
    ]);
  });

  it('retries only failed records and parks the rest in a queue', () => {
    const properties = mapping().Properties;

    const onFailure = z
      .object({ OnFailure: z.object({ Destination: z.unknown() }) })
      .parse(properties?.DestinationConfig);
    expect(properties?.FunctionResponseTypes).toEqual([
      'ReportBatchItemFailures',
    ]);
    expect(properties?.BisectBatchOnFunctionError).toBe(true);
    // Retried for as long as the stream keeps the record, not given up early.
    expect(properties?.MaximumRetryAttempts).toBe(-1);
    expect(properties?.MaximumRecordAgeInSeconds).toBe(24 * 3600);
    expect(graph.target(onFailure.OnFailure.Destination).Type).toBe(
      'AWS::SQS::Queue',
    );
  });

  it('publishes to the flags topic', () => {
    const publisher = graph.target(mapping().Properties?.FunctionName);

    const env = graph.property(
      publisher,
      'Environment',
      z.object({ Variables: z.object({ FLAGS_TOPIC_ARN: z.unknown() }) }),
    );
    expect(graph.refersTo(env.Variables.FLAGS_TOPIC_ARN, flagsTopic())).toBe(
      true,
    );
    expect(graph.actionsOf(publisher)).toContain('sns:Publish');
  });
});
