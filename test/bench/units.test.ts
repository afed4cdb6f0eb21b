import { describe, expect, it } from 'vitest';
import type { MeteredCall } from '../../bench/meter';
import { unitsOf } from '../../bench/units';

const call = (command: string, input: unknown, output: unknown,
  reportedUnits = 0): MeteredCall =>
  ({ command, input, output, error: undefined, reportedUnits, startMs: 0,
    endMs: 1 });

const small = { pk: 'A#p#u1', sk: 'D#2026-12-03', requests: 1 };
const twoKb = { pk: 'A#p#u1', sk: 'M#x', blob: 'y'.repeat(2000) };

describe('unitsOf', () => {
  it('bills each item of a transaction two units per started kilobyte', () => {
    const units = unitsOf([call('TransactWriteItemsCommand', {
      TransactItems: [{ Put: { Item: small } }, { Put: { Item: twoKb } },
        { Update: { Key: { pk: 'a', sk: 'b' } } }],
    }, {}, 2)]);

    expect(units.computedWrite).toBe(2 + 4 + 2);
    expect(units.reportedWrite).toBe(2);
  });

  it('bills a missing key of a consistent batch get as one read', () => {
    const units = unitsOf([call('BatchGetItemCommand', {
      RequestItems: { t: { Keys: [{}, {}, {}], ConsistentRead: true } },
    }, { Responses: { t: [small] } })]);

    expect(units.computedRead).toBe(3);
  });

  it('bills a query on the total size of its page, at least one unit', () => {
    const page = Array.from({ length: 30 }, () => twoKb);
    const units = unitsOf([
      call('QueryCommand', { ConsistentRead: true }, { Items: page }),
      call('QueryCommand', { ConsistentRead: true }, { Items: [] }),
      call('QueryCommand', { ConsistentRead: false }, { Items: [] }),
    ]);

    const pageBytes = 30 * (2 + 6 + 2 + 3 + 4 + 2000);
    expect(units.computedRead).toBe(Math.ceil(pageBytes / 4096) + 1 + 0.5);
  });

  it('still bills a write whose condition failed', () => {
    const refused = { ...call('PutItemCommand', { Item: small }, undefined),
      error: 'ConditionalCheckFailedException' };

    const units = unitsOf([refused]);

    expect(units.computedWrite).toBe(1);
    expect(units.requests.get('PutItemCommand')).toEqual(
      { sent: 1, refused: 1 });
  });
});
