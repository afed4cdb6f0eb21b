import * as z from 'zod';
import { itemBytes } from './item-size';
import type { MeteredCall } from './meter';

/**
 * Capacity units of a run, both as DynamoDB (Local) reported them and as
 * computed by hand from the published rules. DynamoDB Local under-reports
 * some requests (misses in a BatchGetItem, empty Query pages, transactional
 * writes of items over 1 KB), so the bill is estimated from the computed
 * figures and the reported ones are kept beside them as a cross-check.
 */
export interface Units {
  reportedRead: number;
  reportedWrite: number;
  computedRead: number;
  computedWrite: number;
  /** Requests per command name, and how many DynamoDB refused. */
  requests: Map<string, { sent: number; refused: number }>;
}

const WRITE_KB = 1024;
const READ_KB = 4096;

// Only the parts of a request the computation looks at are named; the rest
// passes through untouched. Items are plain values here, as the document
// client holds them.
const attributeMap = z.record(z.string(), z.unknown());
const keyed = z.looseObject({ Item: attributeMap.optional() });
const transactWrite = z.looseObject({
  TransactItems: z.array(z.looseObject({ Put: keyed.optional() })),
});
const consistency = z.looseObject({ ConsistentRead: z.boolean().optional() });
const batchGetInput = z.looseObject({
  RequestItems: z.record(z.string(), z.looseObject({
    Keys: z.array(attributeMap),
    ConsistentRead: z.boolean().optional(),
  })),
});
const batchGetOutput = z.looseObject({
  Responses: z.record(z.string(), z.array(attributeMap)).optional(),
  UnprocessedKeys: z.record(z.string(), z.looseObject({
    Keys: z.array(attributeMap).optional(),
  })).optional(),
});
const itemsOutput = z.looseObject({ Items: z.array(attributeMap).optional() });
const batchWrite = z.looseObject({
  RequestItems: z.record(z.string(), z.array(z.looseObject({
    PutRequest: keyed.optional(),
  }))),
});

const WRITES: Record<string, (call: MeteredCall) => number> = {
  PutItemCommand: (call) => writeUnits(keyed.parse(call.input).Item),
  UpdateItemCommand: () => 1,
  DeleteItemCommand: () => 1,
  TransactWriteItemsCommand: (call) => transactWrite.parse(call.input)
    .TransactItems.reduce((sum, item) => sum + 2 * writeUnits(item.Put?.Item),
      0),
  BatchWriteItemCommand: (call) => Object.values(
    batchWrite.parse(call.input).RequestItems).flat()
    .reduce((sum, request) => sum + writeUnits(request.PutRequest?.Item), 0),
};

const READS: Record<string, (call: MeteredCall) => number> = {
  GetItemCommand: (call) => readFactor(call.input) *
    readUnits(keyed.parse(call.output ?? {}).Item),
  BatchGetItemCommand: batchGetUnits,
  QueryCommand: pageUnits,
  ScanCommand: pageUnits,
};

/** Sums reported and computed units over recorded calls. */
export function unitsOf(calls: readonly MeteredCall[]): Units {
  const units: Units = { reportedRead: 0, reportedWrite: 0, computedRead: 0,
    computedWrite: 0, requests: new Map() };
  for (const call of calls) {
    const tally = units.requests.get(call.command) ?? { sent: 0, refused: 0 };
    tally.sent += 1;
    if (call.error) tally.refused += 1;
    units.requests.set(call.command, tally);

    const write = WRITES[call.command];
    const read = READS[call.command];
    if (write) {
      units.reportedWrite += call.reportedUnits;
      // A refused write is billed too: a failed condition still consumes.
      units.computedWrite += write(call);
    } else if (read && !call.error) {
      units.reportedRead += call.reportedUnits;
      units.computedRead += read(call);
    }
  }
  return units;
}

/**
 * Updates and deletes do not say how big the item is; Vigil's items stay
 * under 1 KB, which `largestItemBytes` checks after each run, so each
 * counts as one unit.
 */
function writeUnits(item: Record<string, unknown> | undefined) {
  return item ? Math.max(1, Math.ceil(itemBytes(item) / WRITE_KB)) : 1;
}

function readUnits(item: Record<string, unknown> | undefined) {
  return item ? Math.max(1, Math.ceil(itemBytes(item) / READ_KB)) : 1;
}

function readFactor(input: unknown): number {
  return consistency.parse(input).ConsistentRead ? 1 : 0.5;
}

/** Each key is a separate read, rounded up on its own; a miss costs one. */
function batchGetUnits(call: MeteredCall): number {
  const input = batchGetInput.parse(call.input);
  const output = batchGetOutput.parse(call.output ?? {});
  let units = 0;
  for (const [table, request] of Object.entries(input.RequestItems)) {
    const found = output.Responses?.[table] ?? [];
    const unprocessed = output.UnprocessedKeys?.[table]?.Keys?.length ?? 0;
    const missed = request.Keys.length - unprocessed - found.length;
    const factor = request.ConsistentRead ? 1 : 0.5;
    units += factor * (missed + found.reduce((sum, item) =>
      sum + readUnits(item), 0));
  }
  return units;
}

/** A page is billed on the total size of its items, at least one unit. */
function pageUnits(call: MeteredCall): number {
  const items = itemsOutput.parse(call.output ?? {}).Items ?? [];
  const bytes = items.reduce((sum, item) => sum + itemBytes(item), 0);
  return readFactor(call.input) * Math.max(1, Math.ceil(bytes / READ_KB));
}
