import { beforeEach, describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/flags/flag';
import { evidenceBundleSchema } from '../../shared/review/evidence';
import { adult, event, minor } from '../support/events';
import { invoke } from './gateway';
import { reviewHarness } from './harness';

type Harness = Awaited<ReturnType<typeof reviewHarness>>;

const escalate = (h: Harness, flag: Flag) => h.review.decide('demo',
  flag.flagId, { decision: 'escalated', reference: 'CEOP-2026-1182' },
  { id: 'mod-ana' });

describe('the evidence bundle', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await reviewHarness();
  });

  it('holds what a referral needs from Vigil, and nothing else', async () => {
    const flag = await h.raise();
    const escalatedAt = new Date(h.clock.nowMs).toISOString();
    await escalate(h, flag);
    h.clock.nowMs += 60_000;

    const answer = await invoke(h.evidence, { flagId: flag.flagId });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      kind: 'vigil.evidence-bundle',
      version: 1,
      generatedAt: new Date(h.clock.nowMs).toISOString(),
      platformId: 'demo',
      flag: { flagId: flag.flagId, status: 'escalated', severity: 'high',
        raisedAt: flag.raisedAt, legalHoldSince: escalatedAt },
      subject: { accountId: 'u_adult_1', ageBand: '18_plus',
        region: 'GB-DBY' },
      rule: {
        id: 'blocked-or-reported-by-minors',
        version: 1,
        title: 'Blocked or reported by minors',
        description: 'Several distinct minors block or report the adult ' +
          'within a month.',
        reason: 'A block or report is a child asking for help; more than ' +
          'one child doing so is rarely a misunderstanding.',
        window: flag.window,
        measurements: [{ name: 'distinctMinorsBlockingOrReporting',
          value: 2, threshold: 2 }],
      },
      countedEvents: { asOf: escalatedAt, total: 2, omitted: 0,
        items: flag.counterparts },
      triggeringEventIds: flag.triggeringEventIds,
      regionsInvolved: ['GB-DBY', 'GB-LND'],
      decisions: [{ seq: 1, decision: 'escalated',
        reference: 'CEOP-2026-1182', decidedAt: escalatedAt,
        decidedBy: { id: 'mod-ana' },
        status: { from: 'open', to: 'escalated' }, legalHold: true }],
      notes: [
        'Account and event ids are the platform\'s own pseudonymous ids; ' +
          'the platform resolves them to people.',
        'Age bands and regions are as the platform asserted them; Vigil ' +
          'did not verify them.',
        'Vigil receives no message content: counts, times and ids are all ' +
          'it holds.',
      ],
    });
    expect(evidenceBundleSchema.safeParse(answer.body).success).toBe(true);
  });

  it('lists every minor counted, beyond the 25 a flag lists', async () => {
    const suspect = adult('u_adult_sweep');
    const flags = await h.send(Array.from({ length: 30 }, (_, i) =>
      event('friend_request.sent', suspect, minor(`u_minor_${i}`),
        { minutesAgo: 60 - i, mutualConnections: 0 })));
    const high = flags.find((flag) => flag.severity === 'high');
    if (!high) throw new Error('30 cold requests raised no high flag');
    await escalate(h, high);

    const bundle = evidenceBundleSchema.parse(
      (await invoke(h.evidence, { flagId: high.flagId })).body);

    expect(high.counterparts).toHaveLength(25);
    expect(bundle.countedEvents.total).toBe(30);
    expect(new Set(bundle.countedEvents.items.map((c) => c.accountId)).size)
      .toBe(30);
  });

  it('keeps the decision trail up to date, release included', async () => {
    const flag = await h.raise();
    await escalate(h, flag);
    await h.review.decide('demo', flag.flagId,
      { decision: 'released', reason: 'police closed the case' },
      { id: 'mod-ben' });

    const bundle = evidenceBundleSchema.parse(
      (await invoke(h.evidence, { flagId: flag.flagId })).body);

    expect(bundle.flag.legalHoldSince).toBeUndefined();
    expect(bundle.decisions.map((d) => d.decision))
      .toEqual(['escalated', 'released']);
  });

  it('is refused with 409 for a flag never escalated', async () => {
    const flag = await h.raise();

    const answer = await invoke(h.evidence, { flagId: flag.flagId });

    expect(answer.body).toEqual({
      type: '/problems/flag-state-conflict',
      title: 'Not possible in the flag\'s current state',
      status: 409,
      detail: 'The flag is open; an evidence bundle exists only once a flag ' +
        'has been escalated.',
    });
  });
});
