import { beforeAll, describe, expect, it } from 'vitest';
import type { Account, SocialEvent } from '../../shared/events/schema';
import type { Flag } from '../../shared/flags/flag';
import { freshTable } from '../support/dynamo';
import { adult, event, minor } from '../support/events';
import { vigilOn, type Vigil } from './harness';

let vigil: Vigil;

beforeAll(async () => {
  vigil = vigilOn(await freshTable());
});

const minorsNamed = (prefix: string, count: number): Account[] =>
  Array.from({ length: count }, (_, i) => minor(`${prefix}-${i + 1}`));

/** Each minor and the event that counted them, as a flag lists them. */
const evidenceOf = (flag: Flag | undefined) =>
  (flag?.counterparts ?? []).map((c) => [c.accountId, c.eventId]).sort();

/** Each event's minor, the actor or the target, and the event's id. */
const countedBy = (
  events: readonly SocialEvent[],
  minorIs: 'actor' | 'target',
) => events.map((e) => [e[minorIs].id, e.id]).sort();

describe('unconnected-minor-contact end to end', () => {
  it('raises medium at the 10th unconnected minor, listing all', async () => {
    const suspect = adult('contact-adult');
    const requests = minorsNamed('contact-minor', 10).map((m, i) =>
      event('friend_request.sent', suspect, m, { minutesAgo: 60 - i }));

    const below = await vigil.service.ingest('demo', requests.slice(0, 9));
    const reached = await vigil.service.ingest('demo', requests.slice(9));

    expect(below.flags).toEqual([]);
    expect(reached.flags).toHaveLength(1);
    expect(reached.flags[0]).toMatchObject({
      accountId: 'contact-adult',
      ruleId: 'unconnected-minor-contact',
      severity: 'medium',
      counterpartCount: 10,
      triggeringEventIds: [requests[9]!.id],
      measurements: [
        { name: 'distinctUnconnectedMinorsContacted', value: 10,
          threshold: 10 },
        { name: 'minorShareOfRequests', value: 1, threshold: 0.5 },
      ],
    });
    expect(evidenceOf(reached.flags[0])).toEqual(countedBy(requests, 'target'));
  });
});

describe('rejected-by-minors end to end', () => {
  it('raises medium at the 5th minor rejecting the adult', async () => {
    const suspect = adult('rejected-adult');
    const rejections = minorsNamed('rejecting-minor', 5).map((m, i) =>
      event('friend_request.rejected', m, suspect, { minutesAgo: 60 - i }));

    const below = await vigil.service.ingest('demo', rejections.slice(0, 4));
    const reached = await vigil.service.ingest('demo', rejections.slice(4));

    expect(below.flags).toEqual([]);
    expect(reached.flags[0]).toMatchObject({
      accountId: 'rejected-adult',
      ruleId: 'rejected-by-minors',
      severity: 'medium',
      counterpartCount: 5,
    });
    expect(evidenceOf(reached.flags[0]))
      .toEqual(countedBy(rejections, 'actor'));
  });

  it('raises once rejections reach 60% of the minors\' answers', async () => {
    const suspect = adult('answered-adult');
    const acceptances = minorsNamed('accepting-minor', 4).map((m) =>
      event('friend_request.accepted', m, suspect, { minutesAgo: 120 }));
    const rejections = minorsNamed('refusing-minor', 6).map((m, i) =>
      event('friend_request.rejected', m, suspect, { minutesAgo: 60 - i }));

    const below = await vigil.service.ingest('demo',
      [...acceptances, ...rejections.slice(0, 5)]);
    const reached = await vigil.service.ingest('demo', rejections.slice(5));

    expect(below.flags).toEqual([]);
    expect(reached.flags[0]?.measurements).toEqual([
      { name: 'distinctMinorsRejecting', value: 6, threshold: 5 },
      { name: 'rejectedShareOfMinorAnswers', value: 0.6, threshold: 0.6 },
    ]);
  });
});

describe('minor-content-views-spike end to end', () => {
  it('raises when the day\'s views reach five times the baseline', async () => {
    const suspect = adult('viewing-adult');
    // 336 views two days ago make a daily average of 12 over the 28-day
    // baseline, so the spike needs 60 views in the last 24 hours.
    const baseline = event('post.viewed', suspect, minor('old-view'),
      { minutesAgo: 48 * 60, count: 336 });
    const sweep = minorsNamed('viewed-minor', 10).map((m, i) =>
      event('post.viewed', suspect, m, { minutesAgo: 60 - i,
        count: i < 9 ? 6 : 5 }));
    const last = event('post.viewed', suspect, minor('viewed-minor-1'),
      { minutesAgo: 1 });

    const below = await vigil.service.ingest('demo', [baseline, ...sweep]);
    const reached = await vigil.service.ingest('demo', [last]);

    expect(below.flags).toEqual([]);
    expect(reached.flags[0]).toMatchObject({
      ruleId: 'minor-content-views-spike',
      severity: 'medium',
      window: { from: '2026-12-02T13:00:00.000Z',
        to: '2026-12-03T12:00:00.000Z' },
      measurements: [
        { name: 'minorPostViews', value: 60, threshold: 50 },
        { name: 'distinctMinorsViewed', value: 10, threshold: 10 },
        { name: 'minorPostViewsAgainstBaseline', value: 60, threshold: 60 },
      ],
    });
    expect(evidenceOf(reached.flags[0])).toEqual(countedBy(sweep, 'target'));
  });
});

describe('unsolicited-messages-to-minor end to end', () => {
  it('raises high at the 30th message on the third day', async () => {
    const suspect = adult('messaging-adult');
    const child = minor('messaged-minor');
    // Ten messages on each of three days: two days ago, yesterday, today.
    const messages = [50, 26, 2].flatMap((hoursAgo) =>
      Array.from({ length: 10 }, (_, i) => event('message.sent', suspect,
        child, { minutesAgo: hoursAgo * 60 - i })));

    const below = await vigil.service.ingest('demo', messages.slice(0, 29));
    const reached = await vigil.service.ingest('demo', messages.slice(29));

    expect(below.flags).toEqual([]);
    expect(reached.flags).toHaveLength(1);
    expect(reached.flags[0]).toMatchObject({
      ruleId: 'unsolicited-messages-to-minor',
      severity: 'high',
      counterpartCount: 1,
      measurements: [
        { name: 'messagesToOneMinor', value: 30, threshold: 30 },
        { name: 'daysWithMessages', value: 3, threshold: 3 },
      ],
    });
    // The first and last message of each day stand for the rest.
    const firstAndLast = [0, 9, 10, 19, 20, 29].map((i) =>
      ['messaged-minor', messages[i]!.id]);
    expect(evidenceOf(reached.flags[0])).toEqual(firstAndLast.sort());
  });
});

describe('blocked-or-reported-by-minors end to end', () => {
  it('raises high when a second minor reports a blocked adult', async () => {
    const suspect = adult('blocked-adult');
    const block = event('block.created', minor('blocking-minor'), suspect,
      { minutesAgo: 30 });
    const report = event('report.created', minor('reporting-minor'),
      suspect, { minutesAgo: 10 });

    const below = await vigil.service.ingest('demo', [block]);
    const reached = await vigil.service.ingest('demo', [report]);

    expect(below.flags).toEqual([]);
    expect(reached.flags[0]).toMatchObject({
      ruleId: 'blocked-or-reported-by-minors',
      severity: 'high',
      counterpartCount: 2,
      triggeringEventIds: [report.id],
    });
    expect(evidenceOf(reached.flags[0]))
      .toEqual(countedBy([block, report], 'actor'));
  });
});
