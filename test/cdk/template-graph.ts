import type { Template } from 'aws-cdk-lib/assertions';
import * as z from 'zod';

/**
 * Follows references between resources of a synthesized template, so that
 * tests can say "the key of this table" without naming a logical id.
 */

const resourceSchema = z.looseObject({
  Type: z.string(),
  Properties: z.record(z.string(), z.unknown()).optional(),
  Metadata: z.record(z.string(), z.unknown()).optional(),
  DeletionPolicy: z.string().optional(),
});
export type Resource = z.infer<typeof resourceSchema> & { id: string };

const templateSchema = z.looseObject({
  Resources: z.record(z.string(), resourceSchema),
  Outputs: z
    .record(z.string(), z.looseObject({ Value: z.unknown() }))
    .optional(),
});

const refSchema = z.union([
  z.strictObject({ Ref: z.string() }).transform((value) => value.Ref),
  z
    .strictObject({ 'Fn::GetAtt': z.tuple([z.string(), z.string()]) })
    .transform((value) => value['Fn::GetAtt'][0]),
]);

export class TemplateGraph {
  readonly #resources: Record<string, Resource>;
  readonly #outputs: Record<string, { Value: unknown }>;

  constructor(template: Template) {
    const parsed = templateSchema.parse(template.toJSON());
    this.#resources = Object.fromEntries(
      Object.entries(parsed.Resources).map(([id, r]) => [id, { ...r, id }]),
    );
    this.#outputs = parsed.Outputs ?? {};
  }

  /** Every resource, or every one of a type such as `AWS::SQS::Queue`. */
  all(type?: string): Resource[] {
    const resources = Object.values(this.#resources);
    return type === undefined
      ? resources
      : resources.filter((r) => r.Type === type);
  }

  /** The resource a `Ref` or `Fn::GetAtt` value points at. */
  target(reference: unknown): Resource {
    const id = refSchema.parse(reference);
    const resource = this.#resources[id];
    if (resource === undefined) {
      throw new Error(`the template has no resource ${id}`);
    }
    return resource;
  }

  /** Whether a value is a reference to this resource. */
  refersTo(reference: unknown, resource: Resource): boolean {
    const parsed = refSchema.safeParse(reference);
    return parsed.success && parsed.data === resource.id;
  }

  /** The resource a stack output names, such as `UrgentQueueArn`. */
  output(name: string): Resource {
    const output = this.#outputs[name];
    if (output === undefined) {
      throw new Error(`the template has no output ${name}`);
    }
    return this.target(output.Value);
  }

  /** One property of a resource, parsed with the given schema. */
  property<T>(resource: Resource, name: string, schema: z.ZodType<T>): T {
    return schema.parse(resource.Properties?.[name]);
  }

  /**
   * Every Allow statement of the template's identity policies: policies,
   * managed policies and roles' inline policies, or only those that apply
   * to one role.
   */
  allowStatements(role?: Resource): AllowStatement[] {
    const holders = role === undefined ? this.all()
      : this.all().filter((resource) => this.#appliesTo(resource, role));
    const documents = holders.flatMap((holder) => policyDocumentsOf(holder));
    return documents.flatMap((document) =>
      policyDocumentSchema.parse(document).Statement
        .filter((statement) => statement.Effect === 'Allow')
        .map((statement) => ({
          actions: [statement.Action].flat(),
          resources: [statement.Resource].flat(),
        })));
  }

  /** Whether a policy is attached to a role, or is the role itself. */
  #appliesTo(resource: Resource, role: Resource): boolean {
    if (resource.Type === 'AWS::IAM::Role') return resource.id === role.id;
    if (!IDENTITY_POLICY_TYPES.includes(resource.Type)) return false;
    return z.array(z.unknown()).parse(resource.Properties?.Roles ?? [])
      .some((ref) => this.refersTo(ref, role));
  }

  /**
   * Every IAM action the role of a Lambda function is allowed; with `on`,
   * only those allowed on that resource (or on "*", if `on` is "*").
   */
  actionsOf(fn: Resource, on?: Resource | '*'): string[] {
    const role = this.target(this.property(fn, 'Role', z.unknown()));
    const covers = (resource: unknown) =>
      on === undefined ||
      (on === '*' ? resource === '*' : this.refersTo(resource, on));
    return this.allowStatements(role)
      .filter((statement) => statement.resources.some(covers))
      .flatMap((statement) => statement.actions);
  }

  /** The Lambda function behind an HTTP API route key. */
  functionFor(routeKey: string): Resource {
    const route = this.all('AWS::ApiGatewayV2::Route').find(
      (r) => this.property(r, 'RouteKey', z.string()) === routeKey,
    );
    if (route === undefined) {
      throw new Error(`the template has no route ${routeKey}`);
    }
    const integration = this.target(integrationOf(route));
    const uri = this.property(integration, 'IntegrationUri', z.unknown());
    return this.target(uri);
  }
}

/** One allowance of an identity policy, with its lists made arrays. */
export interface AllowStatement {
  readonly actions: string[];
  readonly resources: unknown[];
}

const policyDocumentSchema = z.object({
  Statement: z.array(
    z.object({
      Effect: z.string(),
      Action: z.union([z.string(), z.array(z.string())]),
      Resource: z.unknown(),
    }),
  ),
});

const IDENTITY_POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

const inlinePoliciesSchema = z
  .array(z.object({ PolicyDocument: z.unknown() }))
  .optional();

/** The policy documents a resource holds as an identity policy. */
function policyDocumentsOf(resource: Resource): unknown[] {
  if (IDENTITY_POLICY_TYPES.includes(resource.Type)) {
    return [resource.Properties?.PolicyDocument];
  }
  if (resource.Type === 'AWS::IAM::Role') {
    const inline = inlinePoliciesSchema.parse(resource.Properties?.Policies);
    return (inline ?? []).map((policy) => policy.PolicyDocument);
  }
  return [];
}

/** A route's target is written as `integrations/<id>` in a join. */
const routeTargetSchema = z.object({
  'Fn::Join': z.tuple([
    z.literal(''),
    z.tuple([z.literal('integrations/'), z.unknown()]),
  ]),
});

function integrationOf(route: Resource) {
  return routeTargetSchema.parse(route.Properties?.Target)['Fn::Join'][1][1];
}
