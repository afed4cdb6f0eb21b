import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startLocalVigil } from '../../local/app';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import { PortInUseError } from '../../local/serve';
import { holdPort } from './ports';

/** Child processes this worker has running, DynamoDB Local among them. */
function childProcesses(): number {
  return process.getActiveResourcesInfo()
    .filter((resource) => resource === 'ProcessWrap').length;
}

describe('startLocalVigil', () => {
  it('stops the DynamoDB Local it started when the port is in use',
    async () => {
      const held = await holdPort();
      onTestFinished(() => held.release());
      const before = childProcesses();

      const starting = startLocalVigil({
        platforms: { demo: [DEV_WEBHOOK_SECRET] },
        moderatorToken: 'local-test-moderator-token',
        port: held.port,
      });

      await expect(starting).rejects.toBeInstanceOf(PortInUseError);
      await vi.waitFor(() => expect(childProcesses()).toBe(before));
    }, 60_000);
});
