import { Validations } from 'aws-cdk-lib';
import {
  type AddToPrincipalPolicyResult,
  Effect,
  Policy,
  type PolicyStatement,
  Role,
  ServicePrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The only actions a Vigil function may hold on every resource ("*"):
 * IAM offers no resource-level permissions for them, so "*" is the only
 * resource a statement can name.
 */
export const UNSCOPED_ACTIONS: readonly string[] = [
  // Active X-Ray tracing sends segments for every function.
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  // Lambda finds the table stream it polls for the flag publisher.
  'dynamodb:ListStreams',
];

/**
 * A function's role. Grants of the actions above on "*" go to a policy of
 * their own, the only place where cdk-nag's finding about "*" resources is
 * acknowledged; any other grant on "*" lands in the default policy, where
 * the finding stands and stops synthesis.
 */
export class FunctionRole extends Role {
  #unscoped?: Policy;

  constructor(scope: Construct, id: string, entry: string) {
    super(scope, id, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the Vigil ${entry} function`,
    });
  }

  override addToPrincipalPolicy(
    statement: PolicyStatement,
  ): AddToPrincipalPolicyResult {
    if (!isUnscoped(statement)) return super.addToPrincipalPolicy(statement);

    const policy = this.#unscopedPolicy();
    policy.addStatements(statement);
    return { statementAdded: true, policyDependable: policy };
  }

  #unscopedPolicy(): Policy {
    if (this.#unscoped !== undefined) return this.#unscoped;

    this.#unscoped = new Policy(this, 'UnscopedPolicy');
    this.#unscoped.attachToRole(this);
    Validations.of(this.#unscoped).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'This policy holds only actions without resource-level ' +
        `permissions (${UNSCOPED_ACTIONS.join(', ')}), which IAM accepts ` +
        'on "*" alone; the role\'s other policies name their resources.',
    });
    return this.#unscoped;
  }
}

/** An allowance of unscoped actions only, on "*" and nothing else. */
function isUnscoped(statement: PolicyStatement): boolean {
  return (
    statement.effect === Effect.ALLOW &&
    statement.notActions.length === 0 &&
    statement.notResources.length === 0 &&
    statement.resources.length === 1 &&
    statement.resources[0] === '*' &&
    statement.actions.every((action) => UNSCOPED_ACTIONS.includes(action))
  );
}
