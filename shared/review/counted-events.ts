import { dayOf } from '../counters/time';
import type { CountedCounterpart } from '../flags/build';
import type { Flag } from '../flags/flag';
import { EVIDENCE_DIMENSION } from '../ingest/flagging';
import type { ActivityPort } from '../ingest/ports';
import type { EvidenceSourcePort } from './ports';

/**
 * Reads what a flag's rule counted, from the flag's window up to now, from
 * the same marks and message days the rule was judged on.
 */
export class CountedEvents implements EvidenceSourcePort {
  constructor(
    private readonly activity: Pick<ActivityPort, 'readCounted' |
      'readPairEvents'>,
  ) {}

  async countedEvents(
    flag: Flag,
    nowMs: number,
  ): Promise<CountedCounterpart[]> {
    if (flag.ruleId === 'unsolicited-messages-to-minor') {
      return this.messagesTo(flag, nowMs);
    }
    return this.activity.readCounted(flag.platformId, flag.accountId,
      EVIDENCE_DIMENSION[flag.ruleId], Date.parse(flag.window.from));
  }

  /** The messaging rule is about one minor: the first listed counterpart. */
  private async messagesTo(
    flag: Flag,
    nowMs: number,
  ): Promise<CountedCounterpart[]> {
    const minor = flag.counterparts[0];
    if (!minor) return [];

    const refs = await this.activity.readPairEvents(flag.platformId,
      flag.accountId, minor.accountId, {
        firstDay: dayOf(Date.parse(flag.window.from)),
        lastDay: dayOf(nowMs),
      });
    return refs.map((ref) => ({
      accountId: minor.accountId,
      ageBand: minor.ageBand,
      region: minor.region,
      ...ref,
    }));
  }
}
