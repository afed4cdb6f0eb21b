import { describe, expect, it } from 'vitest';
import {
  CONNECTION_RETENTION_MS,
  REMOVAL_RETENTION_MS,
  planEvent,
} from '../../shared/counters/plan';
import { DAY_MS } from '../../shared/counters/time';
import { RuleBook } from '../../shared/rules/rule-book';
import { adult, minor } from '../support/events';
import {
  AT_DAY_MS,
  AT_MS,
  counterpartOf,
  eventAt,
  refOf,
  stored,
} from './planning';

const SETTINGS = RuleBook.defaults().settingsFor('demo');
const DAY_COUNTER_EXPIRY_MS = AT_DAY_MS + 31 * DAY_MS;

const suspect = adult('adult-1');
const child = minor('minor-1');

describe('planning a rejection', () => {
  const rejectedMark = { account: 'adult-1', dimension: 'rejected' as const,
    other: 'minor-1' };

  it('counts a minor rejecting an adult against the adult', () => {
    const rejection = eventAt('friend_request.rejected', child, suspect);

    expect(planEvent(rejection, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: ['rejected-by-minors'],
      mutations: [
        {
          kind: 'mark-distinct',
          key: rejectedMark,
          previousCountedAtMs: null,
          countedAtMs: AT_MS,
          counterpart: counterpartOf(child),
          event: refOf(rejection),
          expiresAtMs: AT_MS + 31 * DAY_MS,
        },
        {
          kind: 'count-day',
          account: 'adult-1',
          day: '2026-12-03',
          add: { minorAnswers: 1, minorRejections: 1, minorsRejecting: 1 },
          expiresAtMs: DAY_COUNTER_EXPIRY_MS,
        },
      ],
    });
  });

  it('counts a second rejection by the same minor but not the minor', () => {
    const rejection = eventAt('friend_request.rejected', child, suspect);

    const plan = planEvent(rejection, SETTINGS,
      stored({ marks: [[rejectedMark, AT_MS - 29 * DAY_MS]] }));

    expect(plan.mutations).toEqual([expect.objectContaining({
      kind: 'count-day', add: { minorAnswers: 1, minorRejections: 1 } })]);
    expect(plan.rules).toEqual(['rejected-by-minors']);
  });

  it('records nothing when an adult rejects a minor', () => {
    const rejection = eventAt('friend_request.rejected', suspect, child);

    expect(planEvent(rejection, SETTINGS, stored()))
      .toEqual({ subject: null, rules: [], mutations: [] });
  });
});

describe('planning an acceptance', () => {
  const connection = {
    kind: 'connect',
    a: 'minor-1',
    b: 'adult-1',
    sinceMs: AT_MS,
    expiresAtMs: AT_MS + CONNECTION_RETENTION_MS,
  };

  it('connects the two and counts a minor\'s answer to the adult', () => {
    const acceptance = eventAt('friend_request.accepted', child, suspect);

    expect(planEvent(acceptance, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: [],
      mutations: [connection, {
        kind: 'count-day',
        account: 'adult-1',
        day: '2026-12-03',
        add: { minorAnswers: 1 },
        expiresAtMs: DAY_COUNTER_EXPIRY_MS,
      }],
    });
  });

  it('only connects the two when an adult accepts a minor', () => {
    const acceptance = eventAt('friend_request.accepted', suspect, child);

    expect(planEvent(acceptance, SETTINGS, stored())).toEqual({
      subject: null,
      rules: [],
      mutations: [{ ...connection, a: 'adult-1', b: 'minor-1' }],
    });
  });

  it('only connects two adults', () => {
    const acceptance = eventAt('friend_request.accepted', adult('adult-2'),
      suspect);

    expect(planEvent(acceptance, SETTINGS, stored()).mutations)
      .toEqual([{ ...connection, a: 'adult-2' }]);
  });

  it('remembers a connection for a year', () => {
    expect(CONNECTION_RETENTION_MS).toBe(365 * DAY_MS);
  });
});

describe('planning a removed connection', () => {
  it('disconnects the two accounts and judges nothing', () => {
    const removal = eventAt('connection.removed', suspect, child);

    expect(planEvent(removal, SETTINGS, stored())).toEqual({
      subject: null,
      rules: [],
      mutations: [{ kind: 'disconnect', a: 'adult-1', b: 'minor-1',
        atMs: AT_MS, expiresAtMs: AT_MS + REMOVAL_RETENTION_MS }],
    });
  });

  it('remembers a removal for longer than an event may arrive late', () => {
    expect(REMOVAL_RETENTION_MS).toBeGreaterThan(72 * 60 * 60_000);
    expect(REMOVAL_RETENTION_MS).toBeLessThanOrEqual(4 * DAY_MS);
  });
});

describe('planning connection changes that arrive out of order', () => {
  it('ignores a removal older than the pair\'s latest change', () => {
    const removal = eventAt('connection.removed', suspect, child);

    const plan = planEvent(removal, SETTINGS,
      stored({ connectionChangedAtMs: AT_MS + 1 }));

    expect(plan.mutations).toEqual([]);
  });

  it('ignores an acceptance no newer than the pair\'s latest change but '
    + 'still counts the minor\'s answer', () => {
    const acceptance = eventAt('friend_request.accepted', child, suspect);

    const plan = planEvent(acceptance, SETTINGS,
      stored({ connectionChangedAtMs: AT_MS }));

    expect(plan.mutations).toEqual([expect.objectContaining({
      kind: 'count-day', add: { minorAnswers: 1 } })]);
  });

  it('applies a change newer than the pair\'s latest one', () => {
    const removal = eventAt('connection.removed', suspect, child);

    const plan = planEvent(removal, SETTINGS,
      stored({ connectionChangedAtMs: AT_MS - 1 }));

    expect(plan.mutations.map((m) => m.kind)).toEqual(['disconnect']);
  });
});

describe('planning a block or report', () => {
  const blockedMark = { account: 'adult-1',
    dimension: 'blocked-or-reported' as const, other: 'minor-1' };

  it('counts a minor blocking an adult against the adult', () => {
    const block = eventAt('block.created', child, suspect);

    expect(planEvent(block, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: ['blocked-or-reported-by-minors'],
      mutations: [
        {
          kind: 'mark-distinct',
          key: blockedMark,
          previousCountedAtMs: null,
          countedAtMs: AT_MS,
          counterpart: counterpartOf(child),
          event: refOf(block),
          expiresAtMs: AT_MS + 31 * DAY_MS,
        },
        {
          kind: 'count-day',
          account: 'adult-1',
          day: '2026-12-03',
          add: { minorsBlockingOrReporting: 1 },
          expiresAtMs: DAY_COUNTER_EXPIRY_MS,
        },
      ],
    });
  });

  it('counts a report by a minor who blocked before as nothing new', () => {
    const report = eventAt('report.created', child, suspect);

    const plan = planEvent(report, SETTINGS,
      stored({ marks: [[blockedMark, AT_MS - DAY_MS]] }));

    expect(plan).toEqual({ subject: suspect, mutations: [],
      rules: ['blocked-or-reported-by-minors'] });
  });

  it('counts the minor again a full 30 days after they were counted', () => {
    const report = eventAt('report.created', child, suspect);

    const plan = planEvent(report, SETTINGS,
      stored({ marks: [[blockedMark, AT_MS - 30 * DAY_MS]] }));

    expect(plan.mutations.map((m) => m.kind))
      .toEqual(['mark-distinct', 'count-day']);
  });

  it.each([
    ['an adult blocks a minor', suspect, child],
    ['a minor blocks a minor', minor('minor-2'), child],
    ['a minor blocks an account of unknown age', child,
      { id: 'u-1', ageBand: 'unknown' as const }],
  ])('records nothing when %s', (_, from, to) => {
    const block = eventAt('block.created', from, to);

    expect(planEvent(block, SETTINGS, stored()))
      .toEqual({ subject: null, rules: [], mutations: [] });
  });
});
