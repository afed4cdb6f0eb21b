import type { Flag } from '../flags/flag';
import type { FlagPublisher } from './ports';
import { flagInImage, parseStreamRecord } from './stream-record';

export interface BatchOutcome {
  published: Flag[];
  /** The last record handled, in stream order, before any failure. */
  lastHandled: string | undefined;
  /** The record whose flag could not be published, if one failed. */
  failure: { sequenceNumber: string; error: unknown } | undefined;
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
  let lastHandled: string | undefined;

  for (const record of records) {
    const entry = parseStreamRecord(record);
    try {
      if (entry.isNewFlag) {
        const flag = flagInImage(entry.image);
        await publisher.publish(flag);
        published.push(flag);
      }
    } catch (error) {
      return { published, lastHandled,
        failure: { sequenceNumber: entry.sequenceNumber, error } };
    }
    lastHandled = entry.sequenceNumber;
  }
  return { published, lastHandled, failure: undefined };
}
