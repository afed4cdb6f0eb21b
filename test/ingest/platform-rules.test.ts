import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../shared/events/schema';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable } from '../support/dynamo';
import { adult, event, minor } from '../support/events';
import { vigilOn, type Vigil } from './harness';

let vigil: Vigil;

/**
 * `quiet` turns the block rule off, `kids` counts unknown ages as minors
 * and `open` counts them as adults; every other platform keeps defaults.
 */
const RULES = RuleBook.parse(JSON.stringify({
  schemaVersion: 1,
  platforms: {
    quiet: { rules: { 'blocked-or-reported-by-minors': { enabled: false } } },
    kids: { ageBands: { minor: ['under_13', '13_15', '16_17', 'unknown'] } },
    open: { ageBands: { adult: ['18_plus', 'unknown'] } },
  },
}));

beforeAll(async () => {
  vigil = vigilOn(await freshTable(), { rules: RULES });
});

const unaged = (id: string): Account => ({ id, ageBand: 'unknown' });

const twoBlocks = (by: [Account, Account], of: Account) =>
  by.map((blocker) => event('block.created', blocker, of));

describe('rules a platform overrides', () => {
  it('raises nothing for a rule the platform disabled', async () => {
    const suspect = adult('quiet-adult');
    const blocks = twoBlocks([minor('quiet-1'), minor('quiet-2')], suspect);

    const quiet = await vigil.service.ingest('quiet', blocks);
    const demo = await vigil.service.ingest('demo', blocks);

    expect(quiet.flags).toEqual([]);
    expect(demo.flags.map((f) => [f.platformId, f.ruleId]))
      .toEqual([['demo', 'blocked-or-reported-by-minors']]);
  });

  it('counts unknown ages as minors where the platform says so', async () => {
    const suspect = adult('kids-adult');
    const blocks = twoBlocks([unaged('kids-1'), unaged('kids-2')], suspect);

    const kids = await vigil.service.ingest('kids', blocks);
    const demo = await vigil.service.ingest('demo', blocks);

    expect(kids.flags[0]?.counterparts.map((c) => c.ageBand))
      .toEqual(['unknown', 'unknown']);
    expect(demo.flags).toEqual([]);
  });

  it('judges unknown ages as adults where the platform says so', async () => {
    const suspect = unaged('open-suspect');
    const blocks = twoBlocks([minor('open-1'), minor('open-2')], suspect);

    const open = await vigil.service.ingest('open', blocks);
    const demo = await vigil.service.ingest('demo', blocks);

    expect(open.flags[0]?.subject).toEqual({ ageBand: 'unknown' });
    expect(demo.flags).toEqual([]);
  });

  it('keeps each platform\'s counts apart for the same account ids',
    async () => {
      const suspect = adult('shared-id-adult');

      const first = await vigil.service.ingest('demo',
        [event('block.created', minor('shared-1'), suspect)]);
      const second = await vigil.service.ingest('other',
        [event('block.created', minor('shared-2'), suspect)]);

      expect([...first.flags, ...second.flags]).toEqual([]);
    });
});
