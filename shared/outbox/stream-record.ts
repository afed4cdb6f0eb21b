import * as z from 'zod';
import type { Flag } from '../flags/flag';
import { flagFromItem } from '../store/flag-store';
import { keys } from '../store/keys';
import { TABLE } from '../store/table';

type Plain = string | number | boolean | null | Plain[] |
  { [name: string]: Plain };

/**
 * A DynamoDB attribute value as a stream carries it, decoded to plain JSON.
 * Flags hold no binary or sets of binary, so those are refused.
 */
const attributeValue: z.ZodType<Plain> = z.lazy(() => z.union([
  z.object({ S: z.string() }).transform((value) => value.S),
  z.object({ N: z.string() }).transform((value) => Number(value.N)),
  z.object({ BOOL: z.boolean() }).transform((value) => value.BOOL),
  z.object({ NULL: z.literal(true) }).transform(() => null),
  z.object({ L: z.array(attributeValue) }).transform((value) => value.L),
  z.object({ M: z.record(z.string(), attributeValue) })
    .transform((value) => value.M),
  z.object({ SS: z.array(z.string()) }).transform((value) => value.SS),
  z.object({ NS: z.array(z.string()) })
    .transform((value) => value.NS.map(Number)),
]));

const imageSchema = z.record(z.string(), attributeValue);

/** The fields of a stream record that say what changed and where it is. */
const envelopeSchema = z.object({
  eventName: z.string(),
  dynamodb: z.object({
    SequenceNumber: z.string().min(1),
    Keys: z.object({ [TABLE.sortKey]: z.object({ S: z.string() }) }),
    NewImage: z.unknown(),
  }),
});

/** One stream record, as far as the outbox cares. */
export interface StreamEntry {
  sequenceNumber: string;
  /** The record of a flag being written for the first time. */
  isNewFlag: boolean;
  image: unknown;
}

/**
 * Reads a stream record from Lambda or from GetRecords. Only inserts of
 * flag items are new flags: decisions modify flags, and are not announced
 * again (the review API is where a flag's later state is read).
 */
export function parseStreamRecord(record: unknown): StreamEntry {
  const { eventName, dynamodb } = envelopeSchema.parse(record);
  const sortKey = dynamodb.Keys[TABLE.sortKey].S;
  return {
    sequenceNumber: dynamodb.SequenceNumber,
    isNewFlag: eventName === 'INSERT' && sortKey.startsWith(keys.flagPrefix),
    image: dynamodb.NewImage,
  };
}

/** The flag a new flag record carries. */
export function flagInImage(image: unknown): Flag {
  return flagFromItem(imageSchema.parse(image));
}
