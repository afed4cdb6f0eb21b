import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * Requests per second for each route, and the burst above it. API Gateway
 * applies a stage's default route throttling to every route on its own, so
 * a flood of deliveries cannot use up the review routes' allowance; only
 * the account's regional limit is shared. A platform sends up to 500
 * events per delivery, so 50 deliveries a second is far beyond normal
 * traffic, yet a runaway retry loop is stopped at the door before it can
 * run up Lambda concurrency and DynamoDB cost.
 */
const THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * One JSON line per request. Bodies and headers are never logged; the
 * moderator's Cognito subject is, so every decision can be traced to a
 * person.
 */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  moderator: '$context.authorizer.claims.sub',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
} as const;

export interface VigilHttpApiProps {
  readonly environment: string;
  readonly logRetention: RetentionDays;
  readonly logKey: IKey;
}

/** The HTTP API and its one stage, throttled and access-logged. */
export class VigilHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: VigilHttpApiProps) {
    super(scope, id);

    this.api = new HttpApi(this, 'Api', {
      apiName: `vigil-${props.environment}`,
      description: 'Vigil: platform webhooks in, flags out to moderators',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      // Per-route metrics feed the ingest error-rate alarm.
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** The address platforms and moderator tools call. */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
