import { beforeEach, describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/flags/flag';
import { invoke } from './gateway';
import { reviewHarness } from './harness';

type Harness = Awaited<ReturnType<typeof reviewHarness>>;

const HANDLE = { 'vigil-moderator': 'mod-ana' };

describe('GET a flag', () => {
  let h: Harness;
  let flag: Flag;

  beforeEach(async () => {
    h = await reviewHarness();
    flag = await h.raise();
  });

  it('returns the flag with its evidence, an empty trail and links',
    async () => {
      const answer = await invoke(h.get, { flagId: flag.flagId });

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        flag,
        trail: [],
        links: {
          flag: `/v1/platforms/demo/flags/${flag.flagId}`,
          evidence: `/v1/platforms/demo/flags/${flag.flagId}/evidence`,
          decisions: `/v1/platforms/demo/flags/${flag.flagId}/decisions`,
        },
      });
    });

  it('answers 404 with a problem for a flag that does not exist',
    async () => {
      const missing = 'flg_20261203T120000_AAAAAAAAAAAAAAAA';

      const answer = await invoke(h.get, { flagId: missing });

      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body).toEqual({
        type: '/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: `No flag "${missing}" exists on platform "demo"; it may ` +
          'have expired, or the id is mistyped.',
      });
    });

  it('answers 404 for an id that no flag could have', async () => {
    const answer = await invoke(h.get, { flagId: '..%2Fetc' });

    expect(answer.status).toBe(404);
  });

  it('refuses a request without the moderator token', async () => {
    const answer = await invoke(h.get, { flagId: flag.flagId,
      headers: { authorization: '' } });

    expect(answer.status).toBe(401);
  });
});

describe('POST a decision', () => {
  let h: Harness;
  let flag: Flag;

  beforeEach(async () => {
    h = await reviewHarness();
    flag = await h.raise();
  });

  const decide = (body: unknown, headers: Record<string, string> = HANDLE) =>
    invoke(h.decide, { flagId: flag.flagId, body, headers });

  it('dismisses a flag with its reason, recording who decided and when',
    async () => {
      const answer = await decide({ decision: 'dismissed',
        reason: 'siblings sharing a tablet' });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        flag: { flagId: flag.flagId, status: 'dismissed' },
        trail: [{
          seq: 1,
          decision: 'dismissed',
          reason: 'siblings sharing a tablet',
          decidedAt: new Date(h.clock.nowMs).toISOString(),
          decidedBy: { id: 'mod-ana' },
          status: { from: 'open', to: 'dismissed' },
          legalHold: false,
        }],
      });
    });

  it('lets a repeat of a dismissed pattern raise a new flag', async () => {
    await decide({ decision: 'dismissed', reason: 'a misunderstanding' });

    const repeat = await h.blockedBy('u_adult_1', ['u_minor_3']);

    expect(repeat).toHaveLength(1);
    expect(repeat[0]?.flagId).not.toBe(flag.flagId);
  });

  it('raises nothing again from the evidence a moderator dismissed',
    async () => {
      await decide({ decision: 'dismissed', reason: 'a misunderstanding' });

      const again = await h.blockedBy('u_adult_1', ['u_minor_2']);

      expect(again).toEqual([]);
    });

  it('lets a repeat of an actioned pattern raise a new flag', async () => {
    const answer = await decide({ decision: 'actioned',
      note: 'account suspended' });

    const repeat = await h.blockedBy('u_adult_1', ['u_minor_3']);

    expect(answer.body).toMatchObject({ flag: { status: 'actioned' },
      trail: [{ decision: 'actioned', note: 'account suspended' }] });
    expect(repeat).toHaveLength(1);
  });

  it('keeps an escalated flag standing, so a repeat raises nothing new',
    async () => {
      await decide({ decision: 'escalated', reference: 'CEOP-2026-1182' });

      const repeat = await h.blockedBy('u_adult_1', ['u_minor_3']);

      expect(repeat).toEqual([]);
    });

  it('escalates under a legal hold and releases it, trail in order',
    async () => {
      h.clock.nowMs += 60_000;
      const escalated = await decide({ decision: 'escalated',
        reference: 'CEOP-2026-1182', note: 'referred by phone' });
      const heldSince = new Date(h.clock.nowMs).toISOString();
      h.clock.nowMs += 60_000;
      const released = await decide({ decision: 'released',
        reason: 'police closed the case' },
      { 'vigil-moderator': 'mod-ben' });

      expect(escalated.body).toMatchObject({ flag: { status: 'escalated',
        legalHoldSince: heldSince } });
      expect(released.body).not.toHaveProperty('flag.legalHoldSince');
      expect(released.body).toMatchObject({
        flag: { status: 'escalated' },
        trail: [
          { seq: 1, decision: 'escalated', reference: 'CEOP-2026-1182',
            note: 'referred by phone', decidedBy: { id: 'mod-ana' },
            decidedAt: heldSince, legalHold: true },
          { seq: 2, decision: 'released', reason: 'police closed the case',
            decidedBy: { id: 'mod-ben' }, legalHold: false },
        ],
      });
    });

  it('refuses with 409 to decide a flag already dismissed', async () => {
    await decide({ decision: 'dismissed', reason: 'a misunderstanding' });

    const again = await decide({ decision: 'escalated' });

    expect(again.body).toEqual({
      type: '/problems/flag-state-conflict',
      title: 'Not possible in the flag\'s current state',
      status: 409,
      detail: 'The flag is already dismissed; only an open flag can be ' +
        'escalated.',
    });
  });

  it('refuses with 409 to release a flag not on hold', async () => {
    const answer = await decide({ decision: 'released', reason: 'why not' });

    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ detail: 'The flag is open and not ' +
      'on legal hold, so there is no hold to release.' });
  });

  it('lists every problem of a decision with 422 and records nothing',
    async () => {
      const answer = await decide({ decision: 'dismissed', reason: ' ',
        by: 'someone' });
      const after = await invoke(h.get, { flagId: flag.flagId });

      expect(answer.body).toEqual({
        type: '/problems/invalid-decision',
        title: 'Decision does not match the schema',
        status: 422,
        detail: '2 problems in the decision; nothing was recorded.',
        errors: [
          { path: '$.reason', message: 'reason must not be empty' },
          { path: '$.by', message: 'by is not a field the "dismissed" ' +
            'decision takes; remove it' },
        ],
      });
      expect(after.body).toMatchObject({ flag: { status: 'open' },
        trail: [] });
    });

  it('names a field that belongs to another decision at its own path',
    async () => {
      const answer = await decide({ decision: 'actioned', reason: 'spam' });

      expect(answer.body).toMatchObject({ status: 422,
        detail: '1 problem in the decision; nothing was recorded.',
        errors: [{ path: '$.reason', message: 'reason is not a field the ' +
          '"actioned" decision takes; remove it' }] });
    });

  it('calls an empty decision body empty, not malformed JSON', async () => {
    const answer = await decide('');

    expect(answer.body).toEqual({ type: '/problems/malformed-request',
      title: 'Malformed request', status: 400, detail: 'The body is empty; ' +
        'send one JSON object such as {"decision": "dismissed", "reason": ' +
        '"..."}.' });
  });

  it('says a body that is not an object must be one', async () => {
    const answer = await decide([{ decision: 'actioned' }]);

    expect(answer.body).toMatchObject({ status: 422,
      errors: [{ path: '$', message: 'the body must be a JSON object such ' +
        'as {"decision": "dismissed", "reason": "..."}' }] });
  });

  it('names the decisions there are when given another', async () => {
    const answer = await decide({ decision: 'ignored' });

    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ errors: [{ path: '$.decision',
      message: 'decision must be one of dismissed, actioned, escalated, ' +
        'released' }] });
  });

  it('requires a dismissal to say why', async () => {
    const answer = await decide({ decision: 'dismissed' });

    expect(answer.body).toMatchObject({ status: 422,
      errors: [{ path: '$.reason', message: 'reason is required' }] });
  });

  it('asks a local moderator to name themselves', async () => {
    const answer = await decide({ decision: 'actioned' }, {});

    expect(answer.body).toEqual({
      type: '/problems/malformed-request',
      title: 'Malformed request',
      status: 400,
      detail: 'Name yourself with a "Vigil-Moderator: <handle>" header, ' +
        'such as "Vigil-Moderator: mod-ana"; the audit trail records it ' +
        'as who decided.',
      errors: [{ path: 'header:vigil-moderator', message: 'must be 1 to 64 ' +
        'letters, digits, ".", "_", "@" or "-", starting with a letter or ' +
        'digit' }],
    });
  });

  it('refuses a body that is not JSON', async () => {
    const notJson = await decide('{"decision": dismissed}');
    const wrongType = await invoke(h.decide, { flagId: flag.flagId,
      body: { decision: 'actioned' },
      headers: { ...HANDLE, 'content-type': 'text/plain' } });

    expect(notJson.status).toBe(400);
    expect(wrongType.status).toBe(415);
  });

  it('records one of two decisions made at once and refuses the other',
    async () => {
      const answers = await Promise.all([
        decide({ decision: 'dismissed', reason: 'a misunderstanding' }),
        decide({ decision: 'actioned' }, { 'vigil-moderator': 'mod-ben' }),
      ]);
      const after = await h.review.view('demo', flag.flagId);

      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(after.trail).toHaveLength(1);
    });

  it('never overwrites a trail entry, even where the flag matches',
    async () => {
      await decide({ decision: 'actioned' });
      const before = await h.review.view('demo', flag.flagId);
      const read = await h.store.read('demo', flag.flagId);
      if (!read) throw new Error('the flag was not stored');

      const overwrote = await h.store.apply(read, {
        status: 'actioned', onHold: false, stands: false,
        expiry: { kind: 'unchanged' },
        entry: { seq: 1, decision: 'dismissed', reason: 'forged',
          decidedAt: new Date(h.clock.nowMs).toISOString(),
          decidedBy: { id: 'mod-eve' },
          status: { from: 'actioned', to: 'actioned' }, legalHold: false },
      }, undefined);

      expect(overwrote).toBe(false);
      expect(await h.review.view('demo', flag.flagId)).toEqual(before);
    });

  it('takes who decided from the verified token, not from a header',
    async () => {
      const answer = await invoke(h.decideBehindJwt, {
        flagId: flag.flagId,
        body: { decision: 'actioned' },
        headers: { 'vigil-moderator': 'someone-else' },
        claims: { sub: '6f1c2b0e-7d2a-4c1e-9f3b-2a7e5d9c8b41',
          email: 'ana@trust-safety.example', 'cognito:username': 'ana',
          'cognito:groups': '[platform-demo]' },
      });

      expect(answer.body).toMatchObject({ trail: [{ decidedBy: {
        id: '6f1c2b0e-7d2a-4c1e-9f3b-2a7e5d9c8b41',
        email: 'ana@trust-safety.example',
        username: 'ana',
      } }] });
    });

  it('refuses a verified token that names no subject', async () => {
    const answer = await invoke(h.decideBehindJwt, { flagId: flag.flagId,
      body: { decision: 'actioned' }, claims: { email: 'ana@example.org',
        'cognito:groups': '[platform-demo]' } });

    expect(answer.status).toBe(401);
  });

  it('refuses a moderator of other platforms, recording nothing',
    async () => {
      const answer = await invoke(h.decideBehindJwt, { flagId: flag.flagId,
        body: { decision: 'actioned' }, claims: { sub: 'mod-of-others',
          'cognito:groups': '[platform-other platform-demo-kids]' } });

      expect(answer).toEqual({ status: 403,
        contentType: 'application/problem+json', body: {
          type: '/problems/forbidden',
          title: 'Not a moderator of this platform',
          status: 403,
          detail: 'Moderator access refused: you are not a moderator of ' +
            'platform demo. An operator adds moderators to the Cognito ' +
            'group "platform-demo".',
        } });
      expect(await h.review.view('demo', flag.flagId))
        .toMatchObject({ flag: { status: 'open' }, trail: [] });
    });
});
