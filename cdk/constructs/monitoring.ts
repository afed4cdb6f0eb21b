import type { Duration } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueName } from '../../shared/flags/routing';
import { AlarmTopic } from './alarm-topic';
import { VigilAlarms } from './alarms';
import { VigilDashboard } from './dashboard';
import type { VigilFunction } from './vigil-function';

export interface MonitoringProps {
  readonly environment: string;
  readonly alarmEmail?: string;
  readonly topicKey: IKey;
  readonly queueKey: IKey;
  readonly deadLetterRetention: Duration;
  readonly apiId: string;
  readonly stageName: string;
  readonly ingestRouteKey: string;
  readonly functions: readonly VigilFunction[];
  readonly streamPublisher: VigilFunction;
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  readonly deadLetterQueues: Readonly<Record<string, IQueue>>;
}

/** Alarms that reach the operator by e-mail, and a dashboard. */
export class Monitoring extends Construct {
  readonly alarmTopic: AlarmTopic;
  readonly alarms: VigilAlarms;
  readonly dashboard: VigilDashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);

    this.alarmTopic = new AlarmTopic(this, 'AlarmTopic', {
      email: props.alarmEmail,
      topicKey: props.topicKey,
      queueKey: props.queueKey,
      deadLetterRetention: props.deadLetterRetention,
    });
    const { undeliverable } = this.alarmTopic;
    const deadLetterQueues = undeliverable
      ? { ...props.deadLetterQueues, 'undeliverable-alarms': undeliverable }
      : props.deadLetterQueues;

    this.alarms = new VigilAlarms(this, 'Alarms', {
      ...props,
      topic: this.alarmTopic.topic,
      deadLetterQueues,
      urgentQueue: props.queues.urgent,
    });
    this.dashboard = new VigilDashboard(this, 'Dashboard', {
      ...props,
      deadLetterQueues,
      alarms: this.alarms.alarms,
    });
  }
}
