import type { SocialEvent } from '../events/schema';
import type { Flag } from '../flags/flag';
import type { RuleBook } from '../rules/rule-book';
import { countEvents } from './counting';
import { raiseFlags } from './flagging';
import type { ActivityPort, FlagPort } from './ports';
import { checkTimeliness, type TimelinessIssue } from './timeliness';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  flags: Flag[];
}

/** Raised when events are well formed but cannot be counted as they are. */
export class UntimelyEventsError extends Error {
  override name = 'UntimelyEventsError';

  constructor(readonly issues: TimelinessIssue[]) {
    super(`${issues.length} event(s) are outside the accepted time range`);
  }
}

export interface IngestDeps {
  activity: ActivityPort;
  flags: FlagPort;
  rules: RuleBook;
  /** Milliseconds since the epoch; injected so simulations can move time. */
  now: () => number;
}

/** Counts a platform's events exactly once and raises the flags they earn. */
export class IngestService {
  constructor(private readonly deps: IngestDeps) {}

  async ingest(
    platformId: string,
    events: readonly SocialEvent[],
  ): Promise<IngestResult> {
    const nowMs = this.deps.now();
    const issues = checkTimeliness(events, nowMs);
    if (issues.length > 0) throw new UntimelyEventsError(issues);

    const settings = this.deps.rules.settingsFor(platformId);
    const counted = await countEvents(this.deps.activity, platformId, events,
      settings, nowMs);
    const flags = await raiseFlags(this.deps, platformId, counted, settings,
      nowMs);

    const duplicates = counted.filter((c) => c.outcome === 'duplicate').length;
    return { accepted: counted.length - duplicates, duplicates, flags };
  }
}
