import type { Flag } from '../../shared/flags/flag';
import type { ModeratorAuth } from '../../shared/http/moderator-auth';
import { createDecideFlagHandler } from
  '../../shared/http/review-decide-handler';
import {
  createFlagEvidenceHandler,
  createGetFlagHandler,
} from '../../shared/http/review-handlers';
import { IngestService } from '../../shared/ingest/ingest-service';
import { CountedEvents } from '../../shared/review/counted-events';
import { ReviewService } from '../../shared/review/review-service';
import { RuleBook } from '../../shared/rules/rule-book';
import { ActivityStore } from '../../shared/store/activity-store';
import { FlagStore } from '../../shared/store/flag-store';
import { ReviewStore } from '../../shared/store/review-store';
import { freshTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { TOKEN, silentTools } from './gateway';

/**
 * Ingest and review on one fresh table, with a clock the test moves: it
 * starts an hour after the events of NOW.
 */
export async function reviewHarness() {
  const table = await freshTable();
  const clock = { nowMs: NOW + 3_600_000 };
  const activity = new ActivityStore(table.client, table.tableName);
  const flags = new FlagStore(table.client, table.tableName);
  const store = new ReviewStore(table.client, table.tableName);
  const ingest = new IngestService({ activity, flags,
    rules: RuleBook.defaults(), now: () => NOW });
  const review = new ReviewService({ store,
    evidence: new CountedEvents(activity), now: () => clock.nowMs });
  const auth: ModeratorAuth = { mode: 'static-token', token: TOKEN };

  return {
    table,
    clock,
    flags,
    store,
    review,
    get: createGetFlagHandler({ review, auth, ...silentTools() }),
    decide: createDecideFlagHandler({ review, auth, ...silentTools() }),
    evidence: createFlagEvidenceHandler({ review, auth, ...silentTools() }),
    /** The decide handler as deployed, behind the JWT authorizer. */
    decideBehindJwt: createDecideFlagHandler({ review,
      auth: { mode: 'jwt-authorizer' }, ...silentTools() }),

    /** Counts events as the platform "demo" sent them; returns new flags. */
    async send(events: Parameters<IngestService['ingest']>[1]) {
      return (await ingest.ingest('demo', events)).flags;
    },

    /** Raises a high flag: the adult is blocked by one minor per id. */
    async blockedBy(adultId: string, minorIds: readonly string[]) {
      return this.send(minorIds.map((id, i) =>
        event('block.created', minor(id), adult(adultId),
          { minutesAgo: minorIds.length - i })));
    },

    async raise(adultId = 'u_adult_1'): Promise<Flag> {
      const [flag] = await this.blockedBy(adultId, ['u_minor_1', 'u_minor_2']);
      if (!flag) throw new Error('the events raised no flag');
      return flag;
    },
  };
}
