import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  Metric,
  Stats,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { VigilFunction } from './vigil-function';

const PERIOD = Duration.minutes(5);
const WIDE = 12;

export interface VigilDashboardProps {
  readonly environment: string;
  readonly apiId: string;
  readonly stageName: string;
  readonly functions: readonly VigilFunction[];
  readonly queues: Readonly<Record<string, IQueue>>;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
  readonly alarms: readonly IAlarm[];
}

/** One page that answers "is Vigil healthy, and are flags moving?". */
export class VigilDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: VigilDashboardProps) {
    super(scope, id);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `vigil-${props.environment}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...props.alarms],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(...apiWidgets(props));
    this.dashboard.addWidgets(...functionWidgets(props.functions));
    this.dashboard.addWidgets(...queueWidgets(props));
  }
}

function apiWidgets(props: VigilDashboardProps) {
  const stageMetric = (metricName: string, statistic: string) =>
    new Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: { ApiId: props.apiId, Stage: props.stageName },
      statistic,
      period: PERIOD,
    });
  return [
    graph('API requests and errors', [
      stageMetric('Count', Stats.SUM),
      stageMetric('4xx', Stats.SUM),
      stageMetric('5xx', Stats.SUM),
    ]),
    graph('API latency (ms)', [
      stageMetric('Latency', Stats.p(50)),
      stageMetric('Latency', Stats.p(99)),
    ]),
  ];
}

function functionWidgets(functions: readonly VigilFunction[]) {
  const each = (metricFor: (fn: VigilFunction) => IMetric) =>
    functions.map(metricFor);
  return [
    graph('Function errors and throttles', [
      ...each((fn) => fn.metricErrors({ label: `${fn.entryName} errors` })),
      ...each((fn) =>
        fn.metricThrottles({ label: `${fn.entryName} throttles` }),
      ),
    ]),
    graph('Function duration p99 (ms)', [
      ...each((fn) =>
        fn.metricDuration({ statistic: Stats.p(99), label: fn.entryName }),
      ),
    ]),
  ];
}

function queueWidgets(props: VigilDashboardProps) {
  const visible = (queues: Readonly<Record<string, IQueue>>) =>
    Object.entries(queues).map(([name, queue]) =>
      queue.metricApproximateNumberOfMessagesVisible({
        label: name,
        statistic: Stats.MAXIMUM,
      }),
    );
  const oldest = Object.entries(props.queues).map(([name, queue]) =>
    queue.metricApproximateAgeOfOldestMessage({
      label: name,
      statistic: Stats.MAXIMUM,
    }),
  );
  return [
    graph('Flags waiting for moderators', visible(props.queues)),
    graph('Oldest waiting flag (s)', oldest),
    graph('Dead-letter queues', visible(props.deadLetterQueues)),
  ];
}

function graph(title: string, metrics: IMetric[]) {
  return new GraphWidget({ title, left: metrics, width: WIDE });
}
