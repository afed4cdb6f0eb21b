import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Flag } from '../flags/flag';
import { flagMessage } from '../flags/message';
import { queuesFor } from '../flags/routing';
import type { FlagPublisher } from './ports';

/**
 * Local mode's stand-in for SNS: one JSON line per flag, with the message
 * and attributes SNS would carry and the queues its filters would pick, so
 * a moderator can follow flags with `tail -f`.
 */
export class InboxPublisher implements FlagPublisher {
  private constructor(private readonly file: string) {}

  /** Creates the inbox if need be, so `tail -f` can follow it at once. */
  static async open(file: string): Promise<InboxPublisher> {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, '');
    return new InboxPublisher(file);
  }

  async publish(flag: Flag): Promise<void> {
    const message = flagMessage(flag);
    const line = JSON.stringify({
      queues: queuesFor(message.attributes),
      attributes: message.attributes,
      message: message.body,
    });
    await appendFile(this.file, `${line}\n`);
  }
}
