import type { Flag } from '../../shared/flags/flag';
import { IngestService } from '../../shared/ingest/ingest-service';
import type { FlagPort } from '../../shared/ingest/ports';
import { RuleBook } from '../../shared/rules/rule-book';
import { ActivityStore } from '../../shared/store/activity-store';
import { FlagStore } from '../../shared/store/flag-store';
import type { TestTable } from '../support/dynamo';
import { NOW } from '../support/events';

/** An ingest service on a test table, with the stores behind it. */
export interface Vigil {
  service: IngestService;
  activity: ActivityStore;
  flags: FlagStore;
}

export interface VigilOptions {
  rules?: RuleBook;
  now?: () => number;
  /** Wraps the flag store, to fail or delay it as a test needs. */
  flagPort?: (store: FlagStore) => FlagPort;
}

/** Wires the ingest service to DynamoDB Local as the Lambda does. */
export function vigilOn(table: TestTable, options: VigilOptions = {}): Vigil {
  const activity = new ActivityStore(table.client, table.tableName);
  const flags = new FlagStore(table.client, table.tableName);
  const service = new IngestService({
    activity,
    flags: options.flagPort?.(flags) ?? flags,
    rules: options.rules ?? RuleBook.defaults(),
    now: options.now ?? (() => NOW),
  });
  return { service, activity, flags };
}

/** The flags of one account, newest first, as moderators would list them. */
export async function flagsOf(
  vigil: Vigil,
  accountId: string,
  platformId = 'demo',
): Promise<Flag[]> {
  const page = await vigil.flags.list(platformId, { accountId, limit: 50 });
  return page.flags;
}
