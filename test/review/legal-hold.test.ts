import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../shared/counters/time';
import type { Flag } from '../../shared/flags/flag';
import { NOW } from '../support/events';
import { expireItems, keysLeft } from './expire';
import { invoke } from './gateway';
import { reviewHarness } from './harness';

type Harness = Awaited<ReturnType<typeof reviewHarness>>;

const TEN_YEARS_ON = NOW + 3650 * DAY_MS;
const HANDLE = { 'vigil-moderator': 'mod-ana' };

describe('a legal hold', () => {
  let h: Harness;
  let held: Flag;
  let dismissed: Flag;
  let open: Flag;

  beforeEach(async () => {
    h = await reviewHarness();
    held = await h.raise('u_adult_held');
    dismissed = await h.raise('u_adult_dismissed');
    open = await h.raise('u_adult_open');
    await h.review.decide('demo', held.flagId,
      { decision: 'escalated', reference: 'CEOP-2026-1182' },
      { id: 'mod-ana' });
    await h.review.decide('demo', dismissed.flagId,
      { decision: 'dismissed', reason: 'a misunderstanding' },
      { id: 'mod-ana' });
  });

  it('keeps a held flag, its trail, its evidence and its standing through ' +
    'expiry, while everything else goes', async () => {
    await expireItems(h.table, TEN_YEARS_ON);

    expect(await keysLeft(h.table)).toEqual([
      'A#demo#u_adult_held O#blocked-or-reported-by-minors',
      `P#demo F#${held.flagId}`,
      `P#demo S#${held.flagId}`,
      `P#demo T#${held.flagId}#0001`,
    ]);
    expect((await h.review.view('demo', held.flagId)).trail).toHaveLength(1);
  });

  it('still bundles the evidence after the counts behind it expired',
    async () => {
      await expireItems(h.table, TEN_YEARS_ON);

      const answer = await invoke(h.evidence, { flagId: held.flagId });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ countedEvents: { total: 2,
        items: [{ accountId: 'u_minor_2' }, { accountId: 'u_minor_1' }] } });
    });

  it('lets a released flag and all that was held with it expire', async () => {
    h.clock.nowMs = NOW + 30 * DAY_MS;
    await h.review.decide('demo', held.flagId,
      { decision: 'released', reason: 'police closed the case' },
      { id: 'mod-ben' });

    const beforeExpiry = await expireItems(h.table, NOW + 364 * DAY_MS);
    const afterExpiry = await expireItems(h.table, NOW + 366 * DAY_MS);

    expect(beforeExpiry).toBeGreaterThan(0);
    expect(afterExpiry).toBeGreaterThan(0);
    expect(await keysLeft(h.table)).toEqual([]);
  });

  it('keeps a flag released late for thirty days more', async () => {
    h.clock.nowMs = NOW + 500 * DAY_MS;
    await invoke(h.decide, { flagId: held.flagId, headers: HANDLE,
      body: { decision: 'released', reason: 'police closed the case' } });

    await expireItems(h.table, NOW + 529 * DAY_MS);
    const kept = await keysLeft(h.table);
    await expireItems(h.table, NOW + 531 * DAY_MS);

    expect(kept).toContain(`P#demo F#${held.flagId}`);
    expect(await keysLeft(h.table)).toEqual([]);
  });

  it('leaves an open flag to expire on its usual date', async () => {
    await expireItems(h.table, NOW + 364 * DAY_MS);
    const kept = await keysLeft(h.table);

    expect(kept).toContain(`P#demo F#${open.flagId}`);
    expect(kept).toContain(`P#demo F#${dismissed.flagId}`);
  });
});
