import type { App } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { VigilFunction } from '../../cdk/constructs/vigil-function';
import { SYNTH_TIMEOUT_MS, synthesizeVigil, vigilApp } from './synth';
import { TemplateGraph } from './template-graph';

let app: App;
let graph: TemplateGraph;

beforeAll(() => {
  const synthesized = synthesizeVigil({ bundle: false });
  app = synthesized.app;
  graph = new TemplateGraph(synthesized.template);
}, SYNTH_TIMEOUT_MS);

/** What a pack still reports once acknowledgements are applied. */
const findings = (pack: NagPack, severity: 'error' | 'warning') =>
  pack
    .validateScope(app)
    .violations.filter((violation) => violation.severity === severity)
    .map((violation) => ({
      rule: violation.ruleName,
      resources: violation.violatingResources.map((r) => r.constructPath),
    }));

const acknowledgementsSchema = z.object({
  cdk_nag: z.object({
    rules_to_suppress: z.array(
      z.object({ id: z.string(), reason: z.string() }),
    ),
  }),
});

describe('the security checks', () => {
  it('leave no AwsSolutions error unacknowledged', () => {
    expect(findings(new AwsSolutionsChecks(), 'error')).toEqual([]);
  });

  it('leave no Serverless error unacknowledged', () => {
    expect(findings(new ServerlessChecks(), 'error')).toEqual([]);
  });

  it('leave no warning unacknowledged either', () => {
    const packs = [new AwsSolutionsChecks(), new ServerlessChecks()];

    expect(packs.flatMap((pack) => findings(pack, 'warning'))).toEqual([]);
  });

  it('write every acknowledgement into the template with a reason', () => {
    const acknowledgements = graph.all().flatMap((resource) => {
      const parsed = acknowledgementsSchema.safeParse(resource.Metadata);
      return parsed.success ? parsed.data.cdk_nag.rules_to_suppress : [];
    });

    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { id, reason } of acknowledgements) {
      expect(id).toMatch(/^(AwsSolutions|Serverless)-/);
      expect(reason.length, id).toBeGreaterThanOrEqual(60);
      expect(reason, id).toMatch(/\.$/);
    }
  });

  it.each([
    ['sns:Publish', 'dynamodb:DeleteTable', 'kms:Decrypt'],
    ['xray:PutTraceSegments', 'sns:Publish'],
  ].map((actions) => ({ actions, names: actions.join(', ') })))(
    'stop synthesis when a function is granted $names on every resource',
    ({ actions }) => {
      const { app: broken, stack } = vigilApp({ bundle: false });
      const ingest = stack.node.findAll().find((construct) =>
        construct instanceof VigilFunction && construct.entryName === 'ingest');
      if (!(ingest instanceof VigilFunction)) expect.fail('no ingest function');

      const everything = new PolicyStatement({ actions, resources: ['*'] });
      ingest.addToRolePolicy(everything);

      expect(() => broken.synth())
        .toThrow(/AwsSolutions-IAM5\[Resource::\*\]/);
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    'stop synthesis when a resource breaks a rule without a reason',
    () => {
      const { app: broken, stack } = vigilApp({ bundle: false });
      new Queue(stack, 'UnencryptedQueue', { enforceSSL: false });

      expect(() => broken.synth()).toThrow(/AwsSolutions-SQS4/);
    },
    SYNTH_TIMEOUT_MS,
  );
});
