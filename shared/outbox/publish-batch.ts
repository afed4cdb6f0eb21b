import type { Flag } from '../flags/flag';
import type { FlagPublisher } from './ports';
import { flagInImage, parseStreamRecord } from './stream-record';

export interface BatchOutcome {
  published: Flag[];
  /** The last record handled, in stream order, before any failure. */
  lastHandled: string | undefined;
  /** The record whose flag could not be published, if one failed. */
  failure: { sequenceNumber: string; error: unknown } | undefined;
  /** Records that can never be published because they cannot be read. */
  unreadable: unknown[];
}

/**
 * Publishes the new flags among a batch of stream records, in order, and
 * stops at the first that fails. The stream resends from that record, so
 * the flags before it are not published again and none after it is lost.
 */
export async function publishNewFlags(
  records: readonly unknown[],
  publisher: FlagPublisher,
): Promise<BatchOutcome> {
  const published: Flag[] = [];
  const unreadable: unknown[] = [];
  let lastHandled: string | undefined;

  for (const record of records) {
    const entry = readRecord(record);
    if ('error' in entry) {
      unreadable.push(entry.error);
      continue;
    }
    try {
      if (entry.flag) {
        await publisher.publish(entry.flag);
        published.push(entry.flag);
      }
    } catch (error) {
      return { published, lastHandled, unreadable,
        failure: { sequenceNumber: entry.sequenceNumber, error } };
    }
    lastHandled = entry.sequenceNumber;
  }
  return { published, lastHandled, unreadable, failure: undefined };
}

/**
 * A record that does not parse will not parse on any retry either; holding
 * the shard back for it would delay every flag behind it, so it is skipped
 * and reported instead.
 */
function readRecord(
  record: unknown,
): { sequenceNumber: string; flag: Flag | null } | { error: unknown } {
  try {
    const entry = parseStreamRecord(record);
    return {
      sequenceNumber: entry.sequenceNumber,
      flag: entry.isNewFlag ? flagInImage(entry.image) : null,
    };
  } catch (error) {
    return { error };
  }
}
