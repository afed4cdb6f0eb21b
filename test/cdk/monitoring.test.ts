import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { INGEST_PATH } from '../../cdk/constructs/ingest-endpoint';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';
import { type Resource, TemplateGraph } from './template-graph';

const ALARM_EMAIL = 'oncall@example.org';

let graph: TemplateGraph;
let alarms: Resource[];

beforeAll(() => {
  const { template } = synthesizeVigil({
    bundle: false,
    context: { alarmEmail: ALARM_EMAIL, environment: 'staging' },
  });
  graph = new TemplateGraph(template);
  alarms = graph.all('AWS::CloudWatch::Alarm');
}, SYNTH_TIMEOUT_MS);

const dimensionsSchema = z.array(
  z.object({ Name: z.string(), Value: z.unknown() }),
);

/** Alarms on one metric, with the resource its dimension names. */
const alarmsOn = (metricName: string) =>
  alarms
    .filter((alarm) => alarm.Properties?.MetricName === metricName)
    .map((alarm) => {
      const [dimension] = dimensionsSchema.parse(alarm.Properties?.Dimensions);
      return { alarm, subject: graph.target(dimension?.Value) };
    });

const keyPolicySchema = z.object({
  Statement: z.array(
    z.looseObject({
      Principal: z.unknown().optional(),
      Condition: z.unknown().optional(),
    }),
  ),
});

const queueAge = 'ApproximateAgeOfOldestMessage';
const queueDepth = 'ApproximateNumberOfMessagesVisible';

describe('the alarms', () => {
  it('watch the 5xx rate of the ingest route', () => {
    const rateAlarms = alarms.filter((alarm) =>
      JSON.stringify(alarm.Properties?.Metrics ?? []).includes('"5xx"'),
    );

    expect(rateAlarms).toHaveLength(1);
    const metrics = z
      .array(
        z.looseObject({
          Expression: z.string().optional(),
          MetricStat: z
            .object({
              Metric: z.object({
                MetricName: z.string(),
                Dimensions: dimensionsSchema,
              }),
            })
            .optional(),
        }),
      )
      .parse(rateAlarms[0]?.Properties?.Metrics);
    const stats = metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat] : []));
    expect(stats.map((s) => s.Metric.MetricName).sort()).toEqual([
      '5xx',
      'Count',
    ]);
    for (const stat of stats) {
      expect(stat.Metric.Dimensions).toContainEqual({
        Name: 'Route',
        Value: `POST ${INGEST_PATH}`,
      });
    }
    expect(metrics.some((m) => m.Expression?.includes('/'))).toBe(true);
  });

  it('watch the errors and the throttles of every function', () => {
    const functions = graph.all('AWS::Lambda::Function');

    const errors = alarmsOn('Errors').map((a) => a.subject.id);
    const throttles = alarmsOn('Throttles').map((a) => a.subject.id);
    const ids = functions.map((fn) => fn.id).sort();
    expect(errors.sort()).toEqual(ids);
    expect(throttles.sort()).toEqual(ids);
  });

  it('fire on the first message in any dead-letter queue', () => {
    const deadLetterQueues = deadLetterQueuesOf(graph);

    const watched = alarmsOn(queueDepth);
    expect(watched.map((a) => a.subject.id).sort()).toEqual(
      deadLetterQueues.map((q) => q.id).sort(),
    );
    for (const { alarm } of watched) {
      expect(alarm.Properties?.Threshold).toBe(1);
      expect(alarm.Properties?.ComparisonOperator).toBe(
        'GreaterThanOrEqualToThreshold',
      );
    }
  });

  it('fire when the oldest urgent flag waits a quarter of an hour', () => {
    const urgent = graph.output('UrgentQueueArn');

    const [watched, ...others] = alarmsOn(queueAge);
    expect(others).toEqual([]);
    expect(watched?.subject.id).toBe(urgent.id);
    expect(watched?.alarm.Properties?.Threshold).toBe(15 * 60);
  });

  it('are named after the environment', () => {
    for (const alarm of alarms) {
      expect(alarm.Properties?.AlarmName).toMatch(/^vigil-staging-/);
    }
  });

  it('notify the encrypted alarm topic on firing and on clearing', () => {
    const topic = graph.output('AlarmTopicArn');

    expect(graph.target(topic.Properties?.KmsMasterKeyId).Type).toBe(
      'AWS::KMS::Key',
    );
    for (const alarm of alarms) {
      for (const actions of ['AlarmActions', 'OKActions']) {
        const [action] = z
          .array(z.unknown())
          .parse(alarm.Properties?.[actions]);
        expect(graph.refersTo(action, topic), alarm.id).toBe(true);
      }
    }
  });

  it('may use the topic key only on behalf of this account', () => {
    const topic = graph.output('AlarmTopicArn');
    const key = graph.target(topic.Properties?.KmsMasterKeyId);

    const forCloudWatch = keyPolicySchema
      .parse(key.Properties?.KeyPolicy)
      .Statement.filter((statement) =>
        JSON.stringify(statement.Principal) ===
          JSON.stringify({ Service: 'cloudwatch.amazonaws.com' }));
    expect(forCloudWatch).toHaveLength(1);
    expect(forCloudWatch[0]?.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
  });

  it('reach the configured e-mail address', () => {
    const topic = graph.output('AlarmTopicArn');

    const email = graph
      .all('AWS::SNS::Subscription')
      .filter((s) => graph.refersTo(s.Properties?.TopicArn, topic));
    expect(email.map((s) => s.Properties?.Protocol)).toEqual(['email']);
    expect(email[0]?.Properties?.Endpoint).toBe(ALARM_EMAIL);
  });
});

describe('the dashboard', () => {
  it('is named after the environment and shows the alarms', () => {
    const [dashboard] = graph.all('AWS::CloudWatch::Dashboard');

    expect(dashboard?.Properties?.DashboardName).toBe('vigil-staging');
    expect(JSON.stringify(dashboard?.Properties?.DashboardBody)).toContain(
      '\\"type\\":\\"alarm\\"',
    );
  });
});

const redriveSchema = z.object({ deadLetterTargetArn: z.unknown() });
const onFailureSchema = z.object({
  OnFailure: z.object({ Destination: z.unknown() }),
});

/** Queues that receive only failures: redrive, SNS and stream targets. */
function deadLetterQueuesOf(graph: TemplateGraph): Resource[] {
  const redriven = [
    ...graph.all('AWS::SQS::Queue'),
    ...graph.all('AWS::SNS::Subscription'),
  ].filter((r) => r.Properties?.RedrivePolicy !== undefined);
  const redriveTargets = redriven.map(
    (r) => redriveSchema.parse(r.Properties?.RedrivePolicy).deadLetterTargetArn,
  );
  const streamTargets = graph
    .all('AWS::Lambda::EventSourceMapping')
    .map((m) => onFailureSchema.parse(m.Properties?.DestinationConfig))
    .map((destination) => destination.OnFailure.Destination);
  const targets = [...redriveTargets, ...streamTargets].map((reference) =>
    graph.target(reference),
  );

  return [...new Map(targets.map((queue) => [queue.id, queue])).values()];
}
