import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { startLocalVigil, type LocalVigil } from '../../local/app';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import type { Flag } from '../../shared/flags/flag';
import { NOW, adult, event, minor } from '../support/events';

const TOKEN = 'local-test-moderator-token';

describe('local mode', () => {
  let vigil: LocalVigil;
  let inboxFile: string;
  const announced: Flag[] = [];
  let raised: string[];

  beforeAll(async () => {
    inboxFile = join(await mkdtemp(join(tmpdir(), 'vigil-')), 'inbox.jsonl');
    vigil = await startLocalVigil({
      platforms: { demo: [DEV_WEBHOOK_SECRET] },
      moderatorToken: TOKEN,
      dynamoEndpoint: inject('dynamoEndpoint'),
      tableName: `vigil-local-${randomUUID()}`,
      now: () => NOW,
      inboxFile,
      onFlag: (flag) => announced.push(flag),
    });
    const suspect = adult('u_adult_local');
    const answer = await send([
      event('block.created', minor('u_minor_1'), suspect),
      event('report.created', minor('u_minor_2'), suspect),
    ]);
    raised = z.object({ flags: z.array(z.string()) })
      .parse(await answer.json()).flags;
    await vi.waitFor(() => expect(announced).toHaveLength(1),
      { timeout: 10_000 });
  });

  afterAll(() => vigil.stop());

  const send = (events: unknown[]) => {
    const body = JSON.stringify({ events });
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    return fetch(`${vigil.url}/v1/platforms/demo/events`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(DEV_WEBHOOK_SECRET).sign(id, at, body),
      },
    });
  };

  const moderator = (path: string, init: RequestInit = {}) =>
    fetch(`${vigil.url}/v1/platforms/demo/flags${path}`, { ...init,
      headers: { authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json', 'vigil-moderator': 'mod-ana' } });

  it('announces a raised flag once and appends it to the inbox', async () => {
    const lines = (await readFile(inboxFile, 'utf8')).trim().split('\n');

    expect(announced.map((flag) => flag.flagId)).toEqual(raised);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      queues: ['urgent', 'review'],
      attributes: { platform: 'demo', rule: 'blocked-or-reported-by-minors',
        severity: 'high', flagId: raised[0] },
      message: { kind: 'vigil.flag', flagId: raised[0], counterpartCount: 2 },
    });
  });

  it('serves the review API with the static token', async () => {
    const flagId = raised[0] ?? '';

    const decided = await moderator(`/${flagId}/decisions`, {
      method: 'POST', body: JSON.stringify({ decision: 'escalated' }) });
    const bundle = await moderator(`/${flagId}/evidence`);

    expect(decided.status).toBe(200);
    expect(await bundle.json()).toMatchObject({ flag: { flagId,
      status: 'escalated' }, decisions: [{ decidedBy: { id: 'mod-ana' } }] });
  });

  it('offers no way to change or remove a decision', async () => {
    const flagId = raised[0] ?? '';

    const answers = await Promise.all(['PUT', 'PATCH', 'DELETE'].map(
      (method) => moderator(`/${flagId}/decisions`, { method })));

    // No route takes these methods, so API Gateway answers 404 Not Found.
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
  });
});
