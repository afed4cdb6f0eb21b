import { beforeEach, describe, expect, it } from 'vitest';
import { IngestService } from '../../shared/ingest/ingest-service';
import { RuleBook } from '../../shared/rules/rule-book';
import { ActivityStore } from '../../shared/store/activity-store';
import { FlagStore } from '../../shared/store/flag-store';
import { freshTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';

describe('IngestService against DynamoDB Local', () => {
  let service: IngestService;
  let flags: FlagStore;

  beforeEach(async () => {
    const table = await freshTable();
    flags = new FlagStore(table.client, table.tableName);
    service = new IngestService({
      activity: new ActivityStore(table.client, table.tableName),
      flags,
      rules: RuleBook.defaults(),
      now: () => NOW,
    });
  });

  it('flags an adult blocked by two distinct minors', async () => {
    const suspect = adult('suspect');
    const result = await service.ingest('demo', [
      event('block.created', minor('m1'), suspect),
      event('report.created', minor('m2'), suspect),
    ]);

    expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(result.flags).toHaveLength(1);
    expect(result.flags[0]).toMatchObject({
      accountId: 'suspect',
      ruleId: 'blocked-or-reported-by-minors',
      severity: 'high',
      counterpartCount: 2,
    });
  });

  it('counts a repeated event id once and reports it as a duplicate', async () => {
    const suspect = adult('suspect');
    const block = event('block.created', minor('m1'), suspect);
    await service.ingest('demo', [block]);

    const retry = await service.ingest('demo', [
      block,
      event('block.created', minor('m1'), suspect),
    ]);

    expect(retry).toMatchObject({ accepted: 1, duplicates: 1, flags: [] });
  });

  it('counts concurrent deliveries of the same events once', async () => {
    const suspect = adult('suspect');
    const events = [
      event('block.created', minor('m1'), suspect),
      event('block.created', minor('m2'), suspect),
    ];

    const results = await Promise.all(
      Array.from({ length: 5 }, () => service.ingest('demo', events)));

    const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
    const raised = results.flatMap((r) => r.flags);
    expect(accepted).toBe(2);
    expect(raised).toHaveLength(1);
    const page = await flags.list('demo', { limit: 10 });
    expect(page.flags.map((f) => f.flagId)).toEqual([raised[0]!.flagId]);
  });
});
