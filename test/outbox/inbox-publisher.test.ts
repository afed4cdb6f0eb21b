import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { flagMessage } from '../../shared/flags/message';
import { InboxPublisher } from '../../shared/outbox/inbox-publisher';
import { sampleFlag } from '../flags/sample-flag';

describe('the local moderator inbox', () => {
  let file: string;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigil-inbox-'));
    file = join(dir, 'not-yet', 'inbox.jsonl');
  });

  it('exists, empty, as soon as it is opened, for tail -f', async () => {
    await InboxPublisher.open(file);

    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('appends one line per flag with its message, attributes and queues',
    async () => {
      const inbox = await InboxPublisher.open(file);
      const high = sampleFlag();
      const medium = { ...sampleFlag('kids-chat'),
        severity: 'medium' as const };

      await inbox.publish(high);
      await inbox.publish(medium);

      const lines = (await readFile(file, 'utf8')).split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('');
      expect(JSON.parse(lines[0] ?? '')).toEqual({
        queues: ['urgent', 'review'],
        attributes: flagMessage(high).attributes,
        message: JSON.parse(flagMessage(high).json),
      });
      expect(JSON.parse(lines[1] ?? '')).toMatchObject({ queues: ['review'] });
    });
});
