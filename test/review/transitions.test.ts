import { describe, expect, it } from 'vitest';
import type { FlagStatus } from '../../shared/flags/flag';
import { DAY_MS } from '../../shared/counters/time';
import { FlagStateError } from '../../shared/review/errors';
import {
  planDecision,
  type ReviewState,
} from '../../shared/review/transitions';

const NOW = Date.parse('2026-12-10T09:30:00Z');
const RAISED = '2026-12-03T12:00:00.000Z';
const moderator = { id: 'mod-ana' };

const state = (status: FlagStatus, onHold = false): ReviewState => ({
  status, onHold, revision: onHold ? 1 : 0, raisedAt: RAISED });

describe('planDecision', () => {
  it('dismisses an open flag with its reason, so it no longer stands', () => {
    const plan = planDecision(state('open'),
      { decision: 'dismissed', reason: 'siblings on a shared device' },
      moderator, NOW);

    expect(plan).toEqual({
      status: 'dismissed',
      onHold: false,
      stands: false,
      expiry: { kind: 'unchanged' },
      entry: {
        seq: 1,
        decision: 'dismissed',
        reason: 'siblings on a shared device',
        decidedAt: '2026-12-10T09:30:00.000Z',
        decidedBy: { id: 'mod-ana' },
        status: { from: 'open', to: 'dismissed' },
        legalHold: false,
      },
    });
  });

  it('actions an open flag, which then no longer stands', () => {
    const plan = planDecision(state('open'), { decision: 'actioned' },
      moderator, NOW);

    expect(plan).toMatchObject({ status: 'actioned', stands: false,
      expiry: { kind: 'unchanged' } });
  });

  it('escalates an open flag under a legal hold that keeps it standing', () => {
    const plan = planDecision(state('open'),
      { decision: 'escalated', reference: 'CEOP-2026-1182' }, moderator, NOW);

    expect(plan).toMatchObject({ status: 'escalated', onHold: true,
      stands: true, expiry: { kind: 'held' },
      entry: { reference: 'CEOP-2026-1182', legalHold: true } });
  });

  it('releases a held flag, keeping it escalated with a finite expiry', () => {
    const plan = planDecision(state('escalated', true),
      { decision: 'released', reason: 'case closed by police' },
      moderator, NOW);

    expect(plan).toMatchObject({ status: 'escalated', onHold: false,
      stands: false, entry: { seq: 2,
        status: { from: 'escalated', to: 'escalated' } } });
    expect(plan.expiry).toEqual({ kind: 'restored',
      atMs: Date.parse(RAISED) + 365 * DAY_MS });
  });

  it('keeps a flag released after its ordinary expiry for 30 more days',
    () => {
      const late = Date.parse(RAISED) + 400 * DAY_MS;

      const plan = planDecision(state('escalated', true),
        { decision: 'released', reason: 'case closed' }, moderator, late);

      expect(plan.expiry).toEqual({ kind: 'restored',
        atMs: late + 30 * DAY_MS });
    });

  it('refuses to decide a flag that is already closed', () => {
    const deciding = () => planDecision(state('dismissed'),
      { decision: 'actioned' }, moderator, NOW);

    expect(deciding).toThrow(FlagStateError);
    expect(deciding).toThrow('The flag is already dismissed; only an open ' +
      'flag can be actioned.');
  });

  it('refuses to escalate a flag twice', () => {
    const deciding = () => planDecision(state('escalated', true),
      { decision: 'escalated' }, moderator, NOW);

    expect(deciding).toThrow('The flag is already escalated and on legal ' +
      'hold; only an open flag can be escalated.');
  });

  it('refuses to release a flag that is not on hold', () => {
    const releasing = (status: FlagStatus) => () => planDecision(
      state(status), { decision: 'released', reason: 'no longer needed' },
      moderator, NOW);

    expect(releasing('open')).toThrow('The flag is open and not on legal ' +
      'hold, so there is no hold to release.');
    expect(releasing('escalated')).toThrow(FlagStateError);
  });
});
