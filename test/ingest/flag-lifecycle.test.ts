import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/events/schema';
import type { FlagPort } from '../../shared/ingest/ports';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable, type TestTable } from '../support/dynamo';
import { adult, event, minor } from '../support/events';
import { flagsOf, vigilOn } from './harness';

let table: TestTable;

/** Severity steps at 2 and 4 minors keep these deliveries short. */
const SMALL_STEPS = RuleBook.parse(JSON.stringify({
  schemaVersion: 1,
  defaults: { rules: { 'unconnected-minor-contact': {
    mediumAtDistinctMinors: 2, highAtDistinctMinors: 4 } } },
}));

beforeAll(async () => {
  table = await freshTable();
});

const minorsNamed = (prefix: string, count: number): Account[] =>
  Array.from({ length: count }, (_, i) => minor(`${prefix}-${i + 1}`));

const blocksOf = (suspect: Account, prefix: string, count: number) =>
  minorsNamed(prefix, count).map((m, i) =>
    event('block.created', m, suspect, { minutesAgo: 100 - i }));

describe('one standing flag per account and rule', () => {
  it('raises medium, nothing while it stands, then high superseding it',
    async () => {
      const vigil = vigilOn(table, { rules: SMALL_STEPS });
      const suspect = adult('escalating-adult');
      const requests = minorsNamed('escalated-minor', 4).map((m, i) =>
        event('friend_request.sent', suspect, m, { minutesAgo: 100 - i }));

      const medium = await vigil.service.ingest('demo', requests.slice(0, 2));
      const between = await vigil.service.ingest('demo', requests.slice(2, 3));
      const high = await vigil.service.ingest('demo', requests.slice(3));

      expect(medium.flags.map((f) => f.severity)).toEqual(['medium']);
      expect(between.flags).toEqual([]);
      expect(high.flags).toHaveLength(1);
      expect(high.flags[0]).toMatchObject({
        severity: 'high',
        supersedes: medium.flags[0]!.flagId,
        counterpartCount: 4,
      });
      expect(await vigil.flags.standing('demo', 'escalating-adult',
        'unconnected-minor-contact')).toMatchObject({
        flagId: high.flags[0]!.flagId, severity: 'high', active: true });
    });

  it('raises nothing for a further minor while the flag stands', async () => {
    const vigil = vigilOn(table);
    const suspect = adult('repeat-adult');
    const [first, second, third] = blocksOf(suspect, 'repeat-minor', 3);

    const raised = await vigil.service.ingest('demo', [first!, second!]);
    const repeat = await vigil.service.ingest('demo', [third!]);

    expect(raised.flags).toHaveLength(1);
    expect(repeat.flags).toEqual([]);
    expect(await flagsOf(vigil, 'repeat-adult')).toHaveLength(1);
  });

  it('raises a fresh flag once the standing one is resolved', async () => {
    const resolved = (store: FlagPort): FlagPort => ({
      standing: async (...args) => {
        const standing = await store.standing(...args);
        return standing && { ...standing, active: false };
      },
      raise: (...args) => store.raise(...args),
    });
    const vigil = vigilOn(table, { flagPort: resolved });
    const suspect = adult('resolved-adult');
    const [first, second, third] = blocksOf(suspect, 'resolved-minor', 3);

    const earlier = await vigil.service.ingest('demo', [first!, second!]);
    const again = await vigil.service.ingest('demo', [third!]);

    expect(again.flags).toHaveLength(1);
    expect(again.flags[0]!.flagId).not.toBe(earlier.flags[0]!.flagId);
    expect(again.flags[0]).not.toHaveProperty('supersedes');
  });

  it('still escalates when a lower flag was raised after it looked',
    async () => {
      // Another request raises the medium flag between this request's
      // look at the standing flag and its write of the high one.
      let stale = false;
      const racing = (store: FlagPort): FlagPort => ({
        standing: async (...args) => {
          if (stale) {
            stale = false;
            return null;
          }
          return store.standing(...args);
        },
        raise: (...args) => store.raise(...args),
      });
      const vigil = vigilOn(table, { flagPort: racing, rules: SMALL_STEPS });
      const suspect = adult('raced-adult');
      const requests = minorsNamed('raced-minor', 4).map((m, i) =>
        event('friend_request.sent', suspect, m, { minutesAgo: 100 - i }));
      const medium = await vigil.service.ingest('demo', requests.slice(0, 3));

      stale = true;
      const high = await vigil.service.ingest('demo', requests.slice(3));

      expect(high.flags).toHaveLength(1);
      expect(high.flags[0]).toMatchObject({ severity: 'high',
        supersedes: medium.flags[0]!.flagId });
    });
});

describe('flags of an adult with several rules in one delivery', () => {
  it('raises each rule\'s flag with that rule\'s events only', async () => {
    const vigil = vigilOn(table);
    const suspect = adult('busy-adult');
    const blocks = blocksOf(suspect, 'busy-blocking', 2);
    const requests = minorsNamed('busy-requested', 10).map((m, i) =>
      event('friend_request.sent', suspect, m, { minutesAgo: 50 - i }));

    const result = await vigil.service.ingest('demo', [...requests, ...blocks]);

    const byRule = new Map(result.flags.map((f) => [f.ruleId, f]));
    expect([...byRule.keys()].sort()).toEqual(
      ['blocked-or-reported-by-minors', 'unconnected-minor-contact']);
    expect(byRule.get('blocked-or-reported-by-minors')?.triggeringEventIds)
      .toEqual(blocks.map((e) => e.id));
    expect(byRule.get('unconnected-minor-contact')?.triggeringEventIds)
      .toEqual(requests.map((e) => e.id));
  });
});
