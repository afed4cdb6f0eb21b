import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { INGEST_PATH } from '../../cdk/constructs/ingest-endpoint';
import { REVIEW_ROUTES } from '../../cdk/constructs/review-endpoints';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';
import { type Resource, TemplateGraph } from './template-graph';

const INGEST_ROUTE = `POST ${INGEST_PATH}`;

let graph: TemplateGraph;
let functions: Resource[];
let assemblyDir: string;

beforeAll(() => {
  const { app, template } = synthesizeVigil();
  graph = new TemplateGraph(template);
  functions = graph.all('AWS::Lambda::Function');
  assemblyDir = app.outdir;
}, SYNTH_TIMEOUT_MS);

const environmentOf = (fn: Resource) =>
  graph.property(
    fn,
    'Environment',
    z.object({ Variables: z.record(z.string(), z.unknown()) }),
  ).Variables;

const bundleOf = (fn: Resource) => {
  const code = graph.property(fn, 'Code', z.object({ S3Key: z.string() }));
  const hash = code.S3Key.replace(/\.zip$/, '');
  return path.join(assemblyDir, `asset.${hash}`);
};

describe('every function', () => {
  it('is one of the six handlers', () => {
    expect(functions).toHaveLength(6);
  });

  it('runs Node.js 22 on arm64', () => {
    for (const fn of functions) {
      expect(fn.Properties?.Runtime).toBe('nodejs22.x');
      expect(fn.Properties?.Architectures).toEqual(['arm64']);
    }
  });

  it('is traced by X-Ray', () => {
    for (const fn of functions) {
      expect(fn.Properties?.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('has its memory and timeout set, not left to defaults', () => {
    for (const fn of functions) {
      expect(fn.Properties?.MemorySize).toBeGreaterThanOrEqual(256);
      expect(fn.Properties?.Timeout).toBeGreaterThan(3);
    }
  });

  it('logs JSON to its own encrypted log group with the set retention', () => {
    const logGroups = new Set<string>();

    for (const fn of functions) {
      const logging = graph.property(
        fn,
        'LoggingConfig',
        z.object({ LogFormat: z.string(), LogGroup: z.unknown() }),
      );
      const logGroup = graph.target(logging.LogGroup);
      logGroups.add(logGroup.id);
      expect(logging.LogFormat).toBe('JSON');
      expect(logGroup.Properties?.RetentionInDays).toBe(30);
      expect(graph.target(logGroup.Properties?.KmsKeyId).Type).toBe(
        'AWS::KMS::Key',
      );
    }
    expect(logGroups.size).toBe(functions.length);
  });

  it('tells Powertools the service name and metrics namespace', () => {
    for (const fn of functions) {
      expect(environmentOf(fn)).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'vigil',
        POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
      });
    }
  });

  it('holds on every resource only actions IAM cannot scope', () => {
    const unscoped = graph
      .allowStatements()
      .filter((statement) => statement.resources.includes('*'));

    const actions = new Set(unscoped.flatMap((s) => s.actions));
    expect([...actions].sort()).toEqual([
      'dynamodb:ListStreams',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    for (const fn of functions) {
      expect(graph.actionsOf(fn, '*').sort(), fn.id).toEqual(
        expect.arrayContaining(['xray:PutTelemetryRecords',
          'xray:PutTraceSegments']));
    }
  });

  it('uses no AWS managed policy', () => {
    for (const fn of functions) {
      const role = graph.target(fn.Properties?.Role);
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    }
  });

  it('is bundled locally into a minified ES module with a source map', () => {
    for (const fn of functions) {
      const bundle = bundleOf(fn);
      const code = readFileSync(path.join(bundle, 'index.mjs'), 'utf8');

      const firstLine = code.slice(0, code.indexOf(';') + 1);
      const charactersPerLine = code.length / code.split('\n').length;
      expect(fn.Properties?.Handler).toBe('index.handler');
      expect(firstLine).toBe("import { createRequire } from 'node:module';");
      expect(charactersPerLine).toBeGreaterThan(1000);
      expect(existsSync(path.join(bundle, 'index.mjs.map'))).toBe(true);
    }
  });
});

describe('the ingest function', () => {
  it('knows the table and the platform secrets', () => {
    const ingest = graph.functionFor(INGEST_ROUTE);

    const env = environmentOf(ingest);
    expect(graph.target(env.TABLE_NAME).Type).toBe('AWS::DynamoDB::Table');
    expect(graph.target(env.PLATFORM_SECRETS_ID).Type).toBe(
      'AWS::SecretsManager::Secret',
    );
  });

  it('may read the platform secrets and nothing else of Secrets Manager',
    () => {
      const actions = graph.actionsOf(graph.functionFor(INGEST_ROUTE));

      expect(actions.filter((a) => a.startsWith('secretsmanager:')).sort())
        .toEqual([
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ]);
    });
});

describe('the platform secrets', () => {
  it('are readable by the ingest function alone', () => {
    const ingest = graph.functionFor(INGEST_ROUTE);

    const readers = functions.filter((fn) =>
      graph.actionsOf(fn).includes('secretsmanager:GetSecretValue'));
    expect(readers.map((fn) => fn.id)).toEqual([ingest.id]);
  });
});

describe('the review functions', () => {
  it.each(REVIEW_ROUTES)('tell $entry the table and nothing more', (route) => {
    const fn = graph.functionFor(`${route.method} ${route.path}`);

    const env = environmentOf(fn);
    expect(graph.target(env.TABLE_NAME).Type).toBe('AWS::DynamoDB::Table');
    expect(Object.keys(env).sort()).toEqual([
      'NODE_OPTIONS',
      'POWERTOOLS_METRICS_NAMESPACE',
      'POWERTOOLS_SERVICE_NAME',
      'TABLE_NAME',
    ]);
  });

  it.each(REVIEW_ROUTES)('keep $entry away from the platform secrets',
    (route) => {
      const fn = graph.functionFor(`${route.method} ${route.path}`);

      expect(environmentOf(fn).PLATFORM_SECRETS_ID).toBeUndefined();
      expect(graph.actionsOf(fn)).not.toContain(
        'secretsmanager:GetSecretValue');
    },
  );

});

const READS = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
const KEY_READS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITES = ['kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'];
const FLAG = '/v1/platforms/{platformId}/flags/{flagId}';

/** What each function's code calls on the table, read from shared/store. */
const TABLE_USE = [
  { routeKey: INGEST_ROUTE,
    items: [...READS, 'dynamodb:BatchGetItem', ...WRITES],
    key: [...KEY_READS, ...KEY_WRITES] },
  { routeKey: 'GET /v1/platforms/{platformId}/flags',
    items: ['dynamodb:Query'], key: KEY_READS },
  { routeKey: `GET ${FLAG}`, items: READS, key: KEY_READS },
  { routeKey: `GET ${FLAG}/evidence`, items: READS, key: KEY_READS },
  { routeKey: `POST ${FLAG}/decisions`, items: [...READS, ...WRITES],
    key: [...KEY_READS, ...KEY_WRITES] },
];

describe('the table permissions', () => {
  const table = () => {
    const [only, ...others] = graph.all('AWS::DynamoDB::Table');
    expect(others).toEqual([]);
    return only ?? expect.fail('no table');
  };
  const tableKey = () => graph.target(graph.property(table(),
    'SSESpecification', z.object({ KMSMasterKeyId: z.unknown() }))
    .KMSMasterKeyId);
  const publisher = () => {
    const [mapping] = graph.all('AWS::Lambda::EventSourceMapping');
    return graph.target(mapping?.Properties?.FunctionName);
  };

  it.each(TABLE_USE)('give $routeKey exactly the item actions it calls',
    ({ routeKey, items }) => {
      const fn = graph.functionFor(routeKey);

      expect(graph.actionsOf(fn, table()).sort()).toEqual([...items].sort());
    });

  it.each(TABLE_USE)('give $routeKey only the key use its actions need',
    ({ routeKey, key }) => {
      const fn = graph.functionFor(routeKey);

      expect(graph.actionsOf(fn, tableKey()).sort()).toEqual([...key].sort());
    });

  it('give the publisher the table stream and none of its items', () => {
    const actions = graph.actionsOf(publisher(), table());

    expect(actions.sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
    ]);
  });

  it('let no function delete, scan or batch-write an item', () => {
    for (const fn of functions) {
      const actions = graph.actionsOf(fn);

      for (const action of ['DeleteItem', 'Scan', 'BatchWriteItem', '*']) {
        expect(actions, fn.id).not.toContain(`dynamodb:${action}`);
      }
    }
  });

  it('let the publisher alone publish to SNS', () => {
    const publishers = functions.filter((fn) =>
      graph.actionsOf(fn).some((action) => action.startsWith('sns:')));

    expect(publishers.map((fn) => fn.id)).toEqual([publisher().id]);
    expect(graph.actionsOf(publisher()).filter((a) => a.startsWith('sns:')))
      .toEqual(['sns:Publish']);
  });
});
