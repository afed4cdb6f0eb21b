import { describe, expect, it } from 'vitest';
import { planEvent } from '../../shared/counters/plan';
import { DAY_MS, HOUR_MS } from '../../shared/counters/time';
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

const suspect = adult('adult-1');
const child = minor('minor-1');
const viewedMark = { account: 'adult-1', dimension: 'viewed' as const,
  other: 'minor-1' };

describe('planning views of a minor\'s posts', () => {
  it('counts the views, the hour\'s views and a new distinct minor', () => {
    const views = eventAt('post.viewed', suspect, child, { count: 7 });

    expect(planEvent(views, SETTINGS, stored())).toEqual({
      subject: suspect,
      rules: ['minor-content-views-spike'],
      mutations: [
        {
          kind: 'mark-distinct',
          key: viewedMark,
          previousCountedAtMs: null,
          countedAtMs: AT_MS,
          counterpart: counterpartOf(child),
          event: refOf(views),
          expiresAtMs: AT_MS + 24 * HOUR_MS + DAY_MS,
        },
        {
          kind: 'count-day',
          account: 'adult-1',
          day: '2026-12-03',
          add: { minorPostViews: 7 },
          expiresAtMs: AT_DAY_MS + 31 * DAY_MS,
        },
        {
          kind: 'count-hour',
          account: 'adult-1',
          hour: '2026-12-03T11',
          add: { minorPostViews: 7, minorsViewed: 1 },
          expiresAtMs: AT_MS + 2 * DAY_MS,
        },
      ],
    });
  });

  it('counts one view when the event gives no count', () => {
    const view = eventAt('post.viewed', suspect, child);

    const plan = planEvent(view, SETTINGS, stored());

    expect(plan.mutations[1]).toMatchObject({ add: { minorPostViews: 1 } });
  });

  it('does not count the minor again within 24 hours', () => {
    const views = eventAt('post.viewed', suspect, child, { count: 3 });

    const plan = planEvent(views, SETTINGS,
      stored({ marks: [[viewedMark, AT_MS - 24 * HOUR_MS + 1]] }));

    expect(plan.mutations.map((m) => [m.kind, 'add' in m ? m.add : null]))
      .toEqual([
        ['count-day', { minorPostViews: 3 }],
        ['count-hour', { minorPostViews: 3 }],
      ]);
  });

  it('counts the minor again 24 hours after they were counted', () => {
    const view = eventAt('post.viewed', suspect, child);

    const plan = planEvent(view, SETTINGS,
      stored({ marks: [[viewedMark, AT_MS - 24 * HOUR_MS]] }));

    expect(plan.mutations[2]).toMatchObject({
      add: { minorPostViews: 1, minorsViewed: 1 } });
  });

  it('ignores views of a minor the adult is connected to', () => {
    const views = eventAt('post.viewed', suspect, child, { count: 9 });

    const plan = planEvent(views, SETTINGS,
      stored({ connectedSinceMs: AT_MS - DAY_MS }));

    expect(plan).toEqual({ subject: suspect, rules: [], mutations: [] });
  });

  it('counts views of a minor linked only by region or mutual friends', () => {
    const views = eventAt('post.viewed', adult('adult-1', 'GB-LND'), child,
      { mutualConnections: 3 });

    const plan = planEvent(views, SETTINGS, stored());

    expect(plan.mutations.map((m) => m.kind))
      .toEqual(['mark-distinct', 'count-day', 'count-hour']);
  });

  it('records nothing when a minor views an adult\'s posts', () => {
    const view = eventAt('post.viewed', child, suspect);

    expect(planEvent(view, SETTINGS, stored()))
      .toEqual({ subject: null, rules: [], mutations: [] });
  });

  it('buckets views by the hour they happened in', () => {
    const view = eventAt('post.viewed', suspect, child,
      { occurredAt: '2026-12-03T09:59:59.999Z' });

    expect(planEvent(view, SETTINGS, stored()).mutations[2])
      .toMatchObject({ hour: '2026-12-03T09' });
  });
});
