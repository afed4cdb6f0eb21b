import { Duration } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpMethod,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpLambdaIntegration,
} from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { grantItemActions, type ItemAction } from './table-access';
import { VigilFunction } from './vigil-function';

const FLAG = '/v1/platforms/{platformId}/flags/{flagId}';

interface ReviewRoute {
  readonly id: string;
  readonly entry: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly description: string;
  /** What the function's code asks of the table, and no more. */
  readonly tableActions: readonly ItemAction[];
}

/** The moderator routes, each served by its own function. */
export const REVIEW_ROUTES: readonly ReviewRoute[] = [
  {
    id: 'ListFlags',
    entry: 'list-flags',
    method: HttpMethod.GET,
    path: '/v1/platforms/{platformId}/flags',
    description: 'Lists the flags of a platform for moderators',
    // One page of the platform's flags.
    tableActions: ['dynamodb:Query'],
  },
  {
    id: 'GetFlag',
    entry: 'get-flag',
    method: HttpMethod.GET,
    path: FLAG,
    description: 'Returns one flag',
    // The flag and its open-flag lock, then its trail.
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
  },
  {
    id: 'FlagEvidence',
    entry: 'flag-evidence',
    method: HttpMethod.GET,
    path: `${FLAG}/evidence`,
    description: 'Returns the evidence behind one flag',
    // The flag and its frozen evidence, then its trail.
    tableActions: ['dynamodb:GetItem', 'dynamodb:Query'],
  },
  {
    id: 'DecideFlag',
    entry: 'decide-flag',
    method: HttpMethod.POST,
    path: `${FLAG}/decisions`,
    description: "Records a moderator's decision on a flag",
    // Reads as above plus the counted events an escalation freezes, then
    // one transaction that puts the trail entry and updates the flag.
    tableActions: [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ],
  },
];

export interface ReviewEndpointsProps {
  readonly api: HttpApi;
  readonly authorizer: IHttpRouteAuthorizer;
  readonly table: ITable;
  readonly logRetention: RetentionDays;
  readonly logKey: IKey;
}

/**
 * Where moderators read flags and record decisions. Every route requires a
 * valid moderator token, checked by API Gateway before a function runs.
 */
export class ReviewEndpoints extends Construct {
  readonly functions: readonly VigilFunction[];
  readonly #props: ReviewEndpointsProps;

  constructor(scope: Construct, id: string, props: ReviewEndpointsProps) {
    super(scope, id);
    this.#props = props;

    this.functions = REVIEW_ROUTES.map((route) => this.#serve(route));
  }

  #serve(route: ReviewRoute) {
    const { table } = this.#props;
    const fn = new VigilFunction(this, route.id, {
      entry: route.entry,
      description: route.description,
      memorySize: 512,
      // A query or a few item reads and writes.
      timeout: Duration.seconds(10),
      environment: { TABLE_NAME: table.tableName },
      logRetention: this.#props.logRetention,
      logKey: this.#props.logKey,
    });
    if (grantItemActions(table, fn, route.tableActions)) {
      fn.acknowledgeEncryptedWrites();
    }

    this.#props.api.addRoutes({
      path: route.path,
      methods: [route.method],
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      authorizer: this.#props.authorizer,
    });
    return fn;
  }
}
