import type { Flag } from '../../shared/flags/flag';
import { oncePerFlag } from '../../shared/outbox/once-per-flag';
import type { FlagPublisher } from '../../shared/outbox/ports';

type Fault = 'refused' | 'answer-lost';

/**
 * A moderators' queue behind a publisher that can be made to fail once for
 * a flag: refused (nothing delivered) or with its answer lost (delivered,
 * yet the publisher sees an error). `delivered` is every delivery, `seen`
 * what a consumer that drops repeats by flag id keeps.
 */
export function deduplicatingQueue() {
  const delivered: Flag[] = [];
  const seen: Flag[] = [];
  const keep = oncePerFlag((flag) => seen.push(flag));
  const faults = new Map<string, Fault>();

  const publisher: FlagPublisher = {
    publish: async (flag) => {
      const fault = faults.get(flag.flagId);
      faults.delete(flag.flagId);
      if (fault === 'refused') throw new Error('SNS is unavailable');

      delivered.push(flag);
      keep(flag);
      if (fault === 'answer-lost') throw new Error('SNS timed out');
    },
  };
  return {
    publisher,
    delivered,
    seen,
    /** The next publish of this flag fails in this way. */
    failOnce: (flagId: string, fault: Fault) => faults.set(flagId, fault),
  };
}
