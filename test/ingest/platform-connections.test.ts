import { beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import { deliverySchema } from '../../shared/events/schema';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { flagsOf, vigilOn } from './harness';

let table: TestTable;

beforeAll(async () => {
  table = await freshTable();
});

/** Low thresholds, so that three messages or two contacts decide. */
const RULES = RuleBook.parse(JSON.stringify({
  schemaVersion: 1,
  defaults: { rules: {
    'unconnected-minor-contact': { mediumAtDistinctMinors: 2 },
    'unsolicited-messages-to-minor': { minMessages: 3, minActiveDays: 1 },
  } },
}));

const since = (daysAgo: number) =>
  new Date(NOW - daysAgo * DAY_MS).toISOString();

const messages = (from: string, to: string, connectedSince?: string) =>
  [30, 20, 10].map((minutesAgo) => event('message.sent', adult(from),
    minor(to), { minutesAgo, ...(connectedSince ? { connectedSince } : {}),
      mutualConnections: 0 }));

describe('connections the platform reports with connectedSince', () => {
  it('spare a relative connected for years who messages a child daily',
    async () => {
      const vigil = vigilOn(table, { rules: RULES });

      const result = await vigil.service.ingest('demo',
        messages('aunt', 'niece', since(3 * 365)));

      expect(result.flags).toEqual([]);
    });

  it('still flag heavy messaging over a tie a few days old', async () => {
    const vigil = vigilOn(table, { rules: RULES });

    const result = await vigil.service.ingest('demo',
      messages('new-friend', 'child', since(3)));

    expect(result.flags.map((flag) => flag.ruleId))
      .toEqual(['unsolicited-messages-to-minor']);
  });

  it('make contact with a connected minor count as linked', async () => {
    const vigil = vigilOn(table, { rules: RULES });
    const uncle = adult('uncle');

    await vigil.service.ingest('demo', ['nephew', 'niece-2'].map((id) =>
      event('follow.created', uncle, minor(id),
        { connectedSince: since(400) })));

    expect(await flagsOf(vigil, 'uncle')).toEqual([]);
  });

  it('refuse a connectedSince later than the event', () => {
    const late = event('message.sent', adult('a'), minor('b'),
      { connectedSince: new Date(NOW + 60_000).toISOString() });

    const parsed = deliverySchema.safeParse({ events: [late] });

    expect(parsed.error?.issues.map((issue) => [issue.path, issue.message]))
      .toEqual([[['events', 0, 'connectedSince'],
        'connectedSince must not be later than occurredAt']]);
  });
});
