import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { VigilFunction } from './vigil-function';

const PERIOD = Duration.minutes(5);

export interface VigilAlarmsProps {
  readonly environment: string;
  readonly topic: ITopic;
  readonly apiId: string;
  readonly stageName: string;
  /** Such as `POST /v1/platforms/{platformId}/events`. */
  readonly ingestRouteKey: string;
  readonly functions: readonly VigilFunction[];
  readonly streamPublisher: VigilFunction;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  readonly urgentQueue: IQueue;
}

interface AlarmSpec {
  readonly name: string;
  readonly description: string;
  readonly metric: IMetric;
  readonly threshold: number;
  readonly evaluationPeriods?: number;
}

/** The conditions an operator must hear about, each sent to the topic. */
export class VigilAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  readonly #props: VigilAlarmsProps;

  constructor(scope: Construct, id: string, props: VigilAlarmsProps) {
    super(scope, id);
    this.#props = props;

    this.#ingestErrorRate();
    for (const fn of props.functions) {
      this.#functionHealth(fn);
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.#deadLetters(name, queue);
    }
    this.#urgentFlagsWaiting();
    this.#publishingLag();
  }

  /** Platforms retry, so only a sustained failure rate loses events. */
  #ingestErrorRate() {
    const routeSum = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: {
          ApiId: this.#props.apiId,
          Stage: this.#props.stageName,
          Route: this.#props.ingestRouteKey,
        },
        statistic: Stats.SUM,
        period: PERIOD,
      });
    this.#alarm({
      name: 'ingest-5xx-rate',
      description:
        'At least 5% of webhook deliveries failed with a server error for ' +
        '10 minutes. Platforms retry, but events are lost once they give ' +
        'up: read the ingest function logs.',
      metric: new MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { errors: routeSum('5xx'), requests: routeSum('Count') },
        label: 'Ingest 5xx (%)',
        period: PERIOD,
      }),
      threshold: 5,
      evaluationPeriods: 2,
    });
  }

  #functionHealth(fn: VigilFunction) {
    this.#alarm({
      name: `${fn.entryName}-errors`,
      description:
        `The ${fn.entryName} function failed with an unhandled error. ` +
        'Its log group has the error with its stack trace.',
      metric: fn.metricErrors({ statistic: Stats.SUM, period: PERIOD }),
      threshold: 1,
    });
    this.#alarm({
      name: `${fn.entryName}-throttles`,
      description:
        `Lambda refused to run the ${fn.entryName} function for lack of ` +
        'concurrency. Raise the account limit or find what is using it.',
      metric: fn.metricThrottles({ statistic: Stats.SUM, period: PERIOD }),
      threshold: 1,
    });
  }

  #deadLetters(name: string, queue: IQueue) {
    this.#alarm({
      name: `${name}-not-empty`,
      description:
        `The ${name} dead-letter queue holds messages that could not be ` +
        'handled. Inspect them, fix the cause, then redrive or delete them.',
      metric: queue.metricApproximateNumberOfMessagesVisible({
        statistic: Stats.MAXIMUM,
        period: PERIOD,
      }),
      threshold: 1,
    });
  }

  /** High-severity flags are meant to reach a person within minutes. */
  #urgentFlagsWaiting() {
    this.#alarm({
      name: 'urgent-flags-waiting',
      description:
        'An urgent flag has waited 15 minutes without a moderator tool ' +
        'taking it. Check that the tool is consuming the urgent queue.',
      metric: this.#props.urgentQueue.metricApproximateAgeOfOldestMessage({
        statistic: Stats.MAXIMUM,
        period: PERIOD,
      }),
      threshold: Duration.minutes(15).toSeconds(),
    });
  }

  /** New flags reach the queues only through the publisher. */
  #publishingLag() {
    this.#alarm({
      name: 'flag-publishing-lag',
      description:
        'New flags are 5 minutes or more late reaching the queues. The ' +
        'stream publisher is failing or slow: read its logs.',
      metric: this.#props.streamPublisher.metric('IteratorAge', {
        statistic: Stats.MAXIMUM,
        period: PERIOD,
      }),
      threshold: Duration.minutes(5).toMilliseconds(),
    });
  }

  #alarm(spec: AlarmSpec) {
    const alarm = new Alarm(this, spec.name, {
      alarmName: `vigil-${this.#props.environment}-${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      // Quiet periods are normal: no deliveries is not a fault.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.#props.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.alarms.push(alarm);
  }
}
