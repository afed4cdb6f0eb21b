import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import {
  marksNeeded,
  needsConnection,
  planEvent,
} from '../../shared/counters/plan';
import type { Account } from '../../shared/events/schema';
import { RuleBook } from '../../shared/rules/rule-book';
import { adult, minor } from '../support/events';
import { settingsWith } from '../rules/activity';
import {
  AT,
  AT_DAY_MS,
  AT_MS,
  counterpartOf,
  eventAt,
  refOf,
  stored,
} from './planning';

const SETTINGS = RuleBook.defaults().settingsFor('demo');
const DAY_COUNTER_EXPIRY_MS = AT_DAY_MS + 31 * DAY_MS;

const suspect = adult('adult-1', 'GB-DBY');
const child = minor('minor-1', 'GB-LND');
const contactMark = { account: 'adult-1', dimension: 'contact' as const,
  other: 'minor-1' };

const unaged = (id: string, region?: string): Account =>
  ({ id, ageBand: 'unknown', ...(region ? { region } : {}) });

describe('planning a friend request or follow from an adult to a minor', () => {
  it('counts an unlinked minor as a request and a new distinct minor', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    expect(planEvent(request, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: ['unconnected-minor-contact'],
      mutations: [
        {
          kind: 'mark-distinct',
          key: contactMark,
          previousCountedAtMs: null,
          countedAtMs: AT_MS,
          counterpart: counterpartOf(child),
          event: refOf(request),
          expiresAtMs: AT_MS + 8 * DAY_MS,
        },
        {
          kind: 'count-day',
          account: 'adult-1',
          day: '2026-12-03',
          add: { requests: 1, requestsToMinors: 1,
            unlinkedMinorsContacted: 1 },
          expiresAtMs: DAY_COUNTER_EXPIRY_MS,
        },
      ],
    });
  });

  it('counts a follow exactly as it counts a friend request', () => {
    const follow = eventAt('follow.created', suspect, child);
    const request = { ...follow, type: 'friend_request.sent' as const };

    expect(planEvent(follow, SETTINGS, stored()))
      .toEqual(planEvent(request, SETTINGS, stored()));
  });

  it.each([
    ['they share a region', eventAt('friend_request.sent',
      adult('adult-1', 'GB-LND'), child)],
    ['the platform reports a mutual connection', eventAt(
      'friend_request.sent', suspect, child, { mutualConnections: 1 })],
  ])('counts the request but no distinct minor when %s', (_, request) => {
    const plan = planEvent(request, SETTINGS, stored());

    expect(plan.mutations).toEqual([{
      kind: 'count-day',
      account: 'adult-1',
      day: '2026-12-03',
      add: { requests: 1, requestsToMinors: 1 },
      expiresAtMs: DAY_COUNTER_EXPIRY_MS,
    }]);
  });

  it('treats a connection Vigil learned as a link', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    const plan = planEvent(request, SETTINGS,
      stored({ connectedSinceMs: AT_MS - DAY_MS }));

    expect(plan.mutations.map((m) => m.kind)).toEqual(['count-day']);
  });

  it.each([
    ['zero mutual connections', suspect, child, 0],
    ['the adult\'s region unknown', unaged('x'), child, undefined],
    ['both regions unknown', { ...suspect, region: undefined },
      { ...child, region: undefined }, undefined],
    ['regions in one country but different subdivisions',
      adult('adult-1', 'GB-LND'), minor('minor-1', 'GB-MAN'), undefined],
    ['a country and one of its subdivisions', adult('adult-1', 'GB'),
      child, undefined],
  ])('counts a distinct minor with %s', (_, from, to, mutualConnections) => {
    const sender = { ...from, id: 'adult-1', ageBand: '18_plus' as const };
    const request = eventAt('friend_request.sent', sender, to,
      mutualConnections === undefined ? {} : { mutualConnections });

    const plan = planEvent(request, SETTINGS, stored());

    expect(plan.mutations.map((m) => m.kind))
      .toEqual(['mark-distinct', 'count-day']);
  });
});

describe('planning a message from an adult to a minor', () => {
  it('counts the pair message and a new distinct minor, with no request',
    () => {
      const message = eventAt('message.sent', suspect, child);

      const plan = planEvent(message, SETTINGS, stored());

      expect(plan.rules).toEqual(['unconnected-minor-contact',
        'unsolicited-messages-to-minor']);
      expect(plan.mutations).toEqual([
        {
          kind: 'count-pair-messages',
          account: 'adult-1',
          counterpart: counterpartOf(child),
          day: '2026-12-03',
          messages: 1,
          event: refOf(message),
          expiresAtMs: AT_DAY_MS + 15 * DAY_MS,
        },
        expect.objectContaining({ kind: 'mark-distinct', key: contactMark }),
        expect.objectContaining({ kind: 'count-day',
          add: { unlinkedMinorsContacted: 1 } }),
      ]);
    });

  it('counts only the pair message for a linked minor', () => {
    const message = eventAt('message.sent', suspect, child,
      { mutualConnections: 4 });

    const plan = planEvent(message, SETTINGS, stored());

    expect(plan.mutations.map((m) => m.kind))
      .toEqual(['count-pair-messages']);
    expect(plan.rules).toContain('unsolicited-messages-to-minor');
  });
});

describe('planning repeated contact with one minor', () => {
  const countedAgo = (ms: number) =>
    stored({ marks: [[contactMark, AT_MS - ms]] });

  it('does not count the minor again within the seven-day window', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    const plan = planEvent(request, SETTINGS, countedAgo(7 * DAY_MS - 1));

    expect(plan.mutations).toEqual([expect.objectContaining({
      kind: 'count-day', add: { requests: 1, requestsToMinors: 1 } })]);
  });

  it('counts the minor again once a full window has passed', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    const plan = planEvent(request, SETTINGS, countedAgo(7 * DAY_MS));

    expect(plan.mutations[0]).toMatchObject({
      kind: 'mark-distinct',
      previousCountedAtMs: AT_MS - 7 * DAY_MS,
      countedAtMs: AT_MS,
    });
    expect(plan.mutations[1]).toMatchObject({
      add: { unlinkedMinorsContacted: 1 } });
  });

  it('does not count a minor first messaged again for a later request', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    const plan = planEvent(request, SETTINGS, countedAgo(DAY_MS));

    expect(plan.mutations.map((m) => m.kind)).toEqual(['count-day']);
  });

  it('does not count an earlier event that arrives after a later one', () => {
    const late = eventAt('message.sent', suspect, child);

    const plan = planEvent(late, SETTINGS, countedAgo(-DAY_MS));

    expect(plan.mutations.map((m) => m.kind))
      .toEqual(['count-pair-messages']);
  });

  it('counts again after the window a platform configures', () => {
    const settings = settingsWith({
      rules: { 'unconnected-minor-contact': { windowDays: 2 } },
    });
    const request = eventAt('friend_request.sent', suspect, child);

    const plan = planEvent(request, settings, countedAgo(2 * DAY_MS));

    expect(plan.mutations[0]).toMatchObject({ kind: 'mark-distinct',
      expiresAtMs: AT_MS + 3 * DAY_MS });
  });
});

describe('planning requests that are not from an adult to a minor', () => {
  it.each([
    ['an adult', adult('adult-2')],
    ['an account of unknown age', unaged('someone')],
  ])('counts a request to %s only as a request, judging nothing', (_, to) => {
    const request = eventAt('friend_request.sent', suspect, to);

    expect(planEvent(request, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: [],
      mutations: [{
        kind: 'count-day',
        account: 'adult-1',
        day: '2026-12-03',
        add: { requests: 1 },
        expiresAtMs: DAY_COUNTER_EXPIRY_MS,
      }],
    });
  });

  it.each([
    ['a minor to a minor', child, minor('minor-2')],
    ['an account of unknown age to a minor', unaged('someone'), child],
    ['a minor to an adult', child, suspect],
  ])('records nothing for a request from %s', (_, from, to) => {
    const request = eventAt('follow.created', from, to);

    expect(planEvent(request, SETTINGS, stored()))
      .toEqual({ subject: null, rules: [], mutations: [] });
  });

  it('records nothing for a message between adults', () => {
    const message = eventAt('message.sent', suspect, adult('adult-2'));

    expect(planEvent(message, SETTINGS, stored()))
      .toEqual({ subject: null, rules: [], mutations: [] });
  });
});

describe('planning with unknown age configured', () => {
  it('counts an unknown-age account as a minor when configured so', () => {
    const settings = settingsWith({
      ageBands: { minor: ['under_13', '13_15', '16_17', 'unknown'] },
    });
    const request = eventAt('friend_request.sent', suspect, unaged('u-1'));

    const plan = planEvent(request, settings, stored());

    expect(plan.mutations[0]).toMatchObject({ kind: 'mark-distinct',
      counterpart: { accountId: 'u-1', ageBand: 'unknown' } });
    expect(plan.rules).toEqual(['unconnected-minor-contact']);
  });

  it('judges an unknown-age account as an adult when configured so', () => {
    const settings = settingsWith({
      ageBands: { adult: ['18_plus', 'unknown'] },
    });
    const sender = unaged('u-1', 'GB-DBY');
    const request = eventAt('friend_request.sent', sender, child);

    const plan = planEvent(request, settings, stored());

    expect(plan.subject).toEqual(sender);
    expect(plan.mutations[1]).toMatchObject({ account: 'u-1',
      add: { unlinkedMinorsContacted: 1 } });
  });
});

describe('what planning needs to read first', () => {
  it('asks for the contact mark of an adult-to-minor message', () => {
    const message = eventAt('message.sent', suspect, child);

    expect(marksNeeded(message, SETTINGS)).toEqual([contactMark]);
  });

  it('asks for the mark of the adult who was blocked', () => {
    const block = eventAt('block.created', child, suspect);

    expect(marksNeeded(block, SETTINGS)).toEqual([{ account: 'adult-1',
      dimension: 'blocked-or-reported', other: 'minor-1' }]);
  });

  it('asks for no mark for events that count no distinct minor', () => {
    const events = [
      eventAt('friend_request.accepted', child, suspect),
      eventAt('connection.removed', suspect, child),
      eventAt('friend_request.sent', suspect, adult('adult-2')),
    ];

    expect(events.map((e) => marksNeeded(e, SETTINGS))).toEqual([[], [], []]);
  });

  it('asks for the connection only where a link changes the counting', () => {
    const needs = (['friend_request.sent', 'follow.created', 'message.sent',
      'post.viewed', 'friend_request.accepted', 'friend_request.rejected',
      'block.created', 'report.created', 'connection.removed'] as const)
      .filter((type) =>
        needsConnection(eventAt(type, suspect, child), SETTINGS));

    expect(needs).toEqual(['friend_request.sent', 'follow.created',
      'message.sent', 'post.viewed', 'friend_request.accepted',
      'connection.removed']);
  });

  it('asks for no connection between two adults', () => {
    const message = eventAt('message.sent', suspect, adult('adult-2'));

    expect(needsConnection(message, SETTINGS)).toBe(false);
  });

  it('keeps the time of the event it plans, not of the clock', () => {
    const request = eventAt('friend_request.sent', suspect, child);

    expect(planEvent(request, SETTINGS, stored()).mutations[0])
      .toMatchObject({ countedAtMs: Date.parse(AT) });
  });
});
