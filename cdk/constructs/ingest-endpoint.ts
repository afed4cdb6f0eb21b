import { Duration, Validations } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { grantItemActions } from './table-access';
import { VigilFunction } from './vigil-function';

export const INGEST_PATH = '/v1/platforms/{platformId}/events';

export interface IngestEndpointProps {
  readonly api: HttpApi;
  readonly table: ITable;
  readonly platformSecrets: ISecret;
  readonly logRetention: RetentionDays;
  readonly logKey: IKey;
}

/** Where platforms deliver their signed webhooks. */
export class IngestEndpoint extends Construct {
  readonly function: VigilFunction;

  constructor(scope: Construct, id: string, props: IngestEndpointProps) {
    super(scope, id);

    this.function = new VigilFunction(this, 'Function', {
      entry: 'ingest',
      description: 'Verifies, counts and evaluates platform webhook events',
      // A delivery may carry 1 MiB and 500 events; more memory brings
      // more CPU for parsing and signature checks.
      memorySize: 1024,
      // Well inside API Gateway's 30 s limit, so a slow delivery ends as
      // a clean 5xx the platform retries, not a gateway timeout.
      timeout: Duration.seconds(15),
      environment: {
        TABLE_NAME: props.table.tableName,
        PLATFORM_SECRETS_ID: props.platformSecrets.secretArn,
      },
      logRetention: props.logRetention,
      logKey: props.logKey,
    });
    // Batch reads of marks and connections, range queries of counters, the
    // standing flag, then puts and updates, alone or in transactions.
    grantItemActions(props.table, this.function, [
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    props.platformSecrets.grantRead(this.function);
    this.function.acknowledgeEncryptedWrites();

    const routes = props.api.addRoutes({
      path: INGEST_PATH,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('Integration', this.function),
    });
    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Platforms authenticate each delivery with a Standard Webhooks ' +
          'signature over its id, timestamp and body, made with a secret ' +
          'registered for that platform; the function answers a missing, ' +
          'stale or wrong signature with 401 before it parses or counts ' +
          'anything.',
      });
    }
  }
}
