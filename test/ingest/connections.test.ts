import { beforeAll, describe, expect, it } from 'vitest';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable, type TestTable } from '../support/dynamo';
import { NOW, adult, event, minor } from '../support/events';
import { vigilOn, type Vigil } from './harness';

let table: TestTable;

beforeAll(async () => {
  table = await freshTable();
});

/** Low thresholds, so that two contacts or three messages decide. */
const RULES = RuleBook.parse(JSON.stringify({
  schemaVersion: 1,
  defaults: { rules: {
    'unconnected-minor-contact': { mediumAtDistinctMinors: 2 },
    'unsolicited-messages-to-minor': { minMessages: 3, minActiveDays: 1 },
  } },
}));

const todayOf = async (vigil: Vigil, accountId: string) => {
  const activity = await vigil.activity.readSubjectActivity('demo', accountId,
    NOW, { firstDay: '2026-12-03', lastDay: '2026-12-03' });
  return activity.days.get('2026-12-03');
};

describe('connections learned from accepted requests', () => {
  it('makes later contact with the minor linked', async () => {
    const vigil = vigilOn(table, { rules: RULES });
    const suspect = adult('linked-adult');
    const friend = minor('linked-friend');

    const result = await vigil.service.ingest('demo', [
      event('friend_request.accepted', friend, suspect, { minutesAgo: 30 }),
      event('message.sent', suspect, friend, { minutesAgo: 20 }),
      event('follow.created', suspect, minor('linked-stranger'),
        { minutesAgo: 10 }),
    ]);

    expect(result.flags).toEqual([]);
    expect(await todayOf(vigil, 'linked-adult')).toMatchObject({
      unlinkedMinorsContacted: 1, minorAnswers: 1 });
  });

  it('counts contact as unlinked again once the connection is removed',
    async () => {
      const vigil = vigilOn(table, { rules: RULES });
      const suspect = adult('unlinked-adult');
      const former = minor('former-friend');
      await vigil.service.ingest('demo', [
        event('friend_request.accepted', former, suspect, { minutesAgo: 40 }),
        event('follow.created', suspect, minor('unlinked-stranger'),
          { minutesAgo: 30 }),
      ]);

      const result = await vigil.service.ingest('demo', [
        event('connection.removed', suspect, former, { minutesAgo: 20 }),
        event('message.sent', suspect, former, { minutesAgo: 10 }),
      ]);

      expect(result.flags.map((f) => f.ruleId))
        .toEqual(['unconnected-minor-contact']);
    });

  it('leaves views of a connected minor\'s posts uncounted', async () => {
    const vigil = vigilOn(table, { rules: RULES });
    const suspect = adult('viewing-friend-adult');
    const friend = minor('viewed-friend');

    await vigil.service.ingest('demo', [
      event('friend_request.accepted', suspect, friend, { minutesAgo: 30 }),
      event('post.viewed', suspect, friend, { minutesAgo: 20, count: 40 }),
    ]);

    expect(await todayOf(vigil, 'viewing-friend-adult')).toBeUndefined();
  });

  it('keeps messaging a new connection with mutual friends unflagged',
    async () => {
      const vigil = vigilOn(table, { rules: RULES });
      const suspect = adult('mutual-adult');
      const friend = minor('mutual-friend', 'GB-DBY');
      const messages = (mutualConnections: number) => [1, 2, 3].map((i) =>
        event('message.sent', suspect, friend,
          { minutesAgo: 20 - i, mutualConnections }));
      await vigil.service.ingest('demo', [
        event('friend_request.accepted', friend, suspect, { minutesAgo: 30 }),
      ]);

      const withMutuals = await vigil.service.ingest('demo', messages(2));
      const without = await vigil.service.ingest('demo', messages(0));

      expect(withMutuals.flags).toEqual([]);
      expect(without.flags.map((f) => f.ruleId))
        .toEqual(['unsolicited-messages-to-minor']);
    });
});

describe('connection events delivered out of order', () => {
  it('keeps a pair unconnected when the removal arrives before the '
    + 'acceptance it followed', async () => {
    const vigil = vigilOn(table, { rules: RULES });
    const suspect = adult('late-accept-adult');
    const former = minor('late-accept-minor');
    await vigil.service.ingest('demo', [
      event('connection.removed', former, suspect, { minutesAgo: 20 }),
      event('follow.created', suspect, minor('late-accept-stranger'),
        { minutesAgo: 15 }),
    ]);
    await vigil.service.ingest('demo', [
      event('friend_request.accepted', former, suspect, { minutesAgo: 40 }),
    ]);

    const result = await vigil.service.ingest('demo', [
      event('message.sent', suspect, former, { minutesAgo: 10 }),
    ]);

    expect(result.flags.map((f) => f.ruleId))
      .toEqual(['unconnected-minor-contact']);
  });

  it('keeps a pair connected when a removal arrives after a later '
    + 'acceptance', async () => {
    const vigil = vigilOn(table, { rules: RULES });
    const suspect = adult('late-removal-adult');
    const friend = minor('late-removal-minor');
    await vigil.service.ingest('demo', [
      event('friend_request.accepted', friend, suspect, { minutesAgo: 50 }),
      event('friend_request.accepted', friend, suspect, { minutesAgo: 30 }),
      event('follow.created', suspect, minor('late-removal-stranger'),
        { minutesAgo: 25 }),
    ]);
    await vigil.service.ingest('demo', [
      event('connection.removed', suspect, friend, { minutesAgo: 40 }),
    ]);

    const result = await vigil.service.ingest('demo', [
      event('message.sent', suspect, friend, { minutesAgo: 10 }),
    ]);

    expect(result.flags).toEqual([]);
  });
});
