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

  /** Every IAM action the role of a Lambda function is allowed. */
  actionsOf(fn: Resource): string[] {
    const role = this.target(this.property(fn, 'Role', z.unknown()));
    const policies = this.all('AWS::IAM::Policy').filter((policy) =>
      this.property(policy, 'Roles', z.array(z.unknown())).some((ref) =>
        this.refersTo(ref, role),
      ),
    );
    return policies.flatMap((policy) =>
      this.property(policy, 'PolicyDocument', policyDocumentSchema)
        .Statement.filter((statement) => statement.Effect === 'Allow')
        .flatMap((statement) => [statement.Action].flat()),
    );
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

const policyDocumentSchema = z.object({
  Statement: z.array(
    z.object({
      Effect: z.string(),
      Action: z.union([z.string(), z.array(z.string())]),
    }),
  ),
});

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
