import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { TABLE } from '../../shared/store/table';
import { SYNTH_TIMEOUT_MS, synthesizeVigil } from './synth';
import { type Resource, TemplateGraph } from './template-graph';

let graph: TemplateGraph;
let table: Resource;

beforeAll(() => {
  graph = new TemplateGraph(synthesizeVigil({ bundle: false }).template);
  const tables = graph.all('AWS::DynamoDB::Table');
  expect(tables).toHaveLength(1);
  table = tables[0] ?? expect.fail('no table');
}, SYNTH_TIMEOUT_MS);

const anything = z.unknown();

describe('the table', () => {
  it('is keyed as the shared table definition says', () => {
    const keySchema = graph.property(table, 'KeySchema', anything);

    expect(keySchema).toEqual([
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('bills on demand', () => {
    expect(graph.property(table, 'BillingMode', z.string())).toBe(
      'PAY_PER_REQUEST',
    );
  });

  it('keeps point-in-time recovery on', () => {
    const recovery = graph.property(
      table,
      'PointInTimeRecoverySpecification',
      anything,
    );

    expect(recovery).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('expires items by the shared TTL attribute', () => {
    const ttl = graph.property(table, 'TimeToLiveSpecification', anything);

    expect(ttl).toEqual({ AttributeName: TABLE.ttlAttribute, Enabled: true });
  });

  it('streams the new image of each item to the publisher', () => {
    const stream = graph.property(table, 'StreamSpecification', anything);

    expect(stream).toEqual({ StreamViewType: TABLE.streamView });
  });

  it('is encrypted with a customer-managed key that rotates', () => {
    const sse = graph.property(
      table,
      'SSESpecification',
      z.object({ SSEEnabled: z.boolean(), KMSMasterKeyId: z.unknown() }),
    );

    const key = graph.target(sse.KMSMasterKeyId);
    expect(sse.SSEEnabled).toBe(true);
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties?.EnableKeyRotation).toBe(true);
  });

  it('survives both a delete call and the deletion of the stack', () => {
    expect(graph.property(table, 'DeletionProtectionEnabled', z.boolean()))
      .toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
  });
});

describe('the platform secrets', () => {
  const secret = () => {
    const secrets = graph.all('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    return secrets[0] ?? expect.fail('no secret');
  };

  it('start as an empty map, so no platform is trusted by default', () => {
    const value = graph.property(secret(), 'SecretString', z.string());

    expect(JSON.parse(value)).toEqual({});
  });

  it('are encrypted with a customer-managed key and outlive the stack', () => {
    const key = graph.target(graph.property(secret(), 'KmsKeyId', anything));

    expect(key.Type).toBe('AWS::KMS::Key');
    expect(secret().DeletionPolicy).toBe('Retain');
  });
});

describe('the keys', () => {
  it('are each named by a stack output, to be found after tear-down', () => {
    const keyOf = (type: string) => {
      const [resource] = graph.all(type);
      return graph.target(resource?.Properties?.KmsMasterKeyId).id;
    };
    const sse = graph.property(table, 'SSESpecification',
      z.object({ KMSMasterKeyId: z.unknown() }));

    const outputs = ['StoreKeyArn', 'QueueKeyArn', 'TopicKeyArn'];
    expect(outputs.map((name) => graph.output(name).id).sort()).toEqual(
      graph.all('AWS::KMS::Key').map((key) => key.id).sort());
    expect(graph.output('StoreKeyArn').id)
      .toBe(graph.target(sse.KMSMasterKeyId).id);
    expect(graph.output('QueueKeyArn').id).toBe(keyOf('AWS::SQS::Queue'));
    expect(graph.output('TopicKeyArn').id).toBe(keyOf('AWS::SNS::Topic'));
  });

  it('all rotate and outlive the stack', () => {
    const keys = graph.all('AWS::KMS::Key');

    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.Properties?.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
    }
  });
});
