import { describe, expect, it } from 'vitest';
import { LocalConfigError } from '../../local/config';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import {
  VigilUnreachableError,
  postDelivery,
  restamp,
} from '../../local/delivery';
import { readSendArgs } from '../../local/send-args';
import { UsageError } from '../../local/start-args';
import { closedPort } from './ports';

describe('readSendArgs', () => {
  it('sends to the port PORT names, as npm start listens on it', () => {
    expect(readSendArgs(['x.json'], { PORT: '3911' }).url)
      .toBe('http://127.0.0.1:3911');
    expect(readSendArgs(['x.json'], {}).url).toBe('http://127.0.0.1:3000');
  });

  it('prefers --url to PORT, even a PORT that is no port', () => {
    const args = readSendArgs(['--url', 'http://localhost:4000/', 'x.json'],
      { PORT: 'abc' });

    expect(args).toMatchObject({ url: 'http://localhost:4000',
      file: 'x.json' });
  });

  it('refuses a PORT that is no port when it is the one to use', () => {
    expect(() => readSendArgs(['x.json'], { PORT: 'abc' }))
      .toThrow(LocalConfigError);
  });

  it('refuses a --url that is not an http URL', () => {
    expect(() => readSendArgs(['--url', '127.0.0.1:3000', 'x.json'], {}))
      .toThrow(new UsageError(
        '--url must be an http URL, as in http://127.0.0.1:3000'));
  });
});

describe('postDelivery', () => {
  it('says where it looked when nothing answers there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;

    const posting = postDelivery({ url, platform: 'demo',
      secret: DEV_WEBHOOK_SECRET, body: '{"events": []}' });

    await expect(posting).rejects.toThrow(new VigilUnreachableError(url));
    await expect(posting).rejects.toThrow(`could not reach Vigil at ${url}: ` +
      'is `npm start` running there? (use --url or PORT)');
  });
});

describe('restamp', () => {
  it('moves the latest event to now and keeps the spacing', () => {
    const body = JSON.stringify({ events: [
      { id: 'a', occurredAt: '2026-01-01T10:00:00Z' },
      { id: 'b', occurredAt: '2026-01-01T11:30:00Z' },
    ] });

    const moved = restamp(body, Date.parse('2026-12-04T12:00:00Z'));

    expect(JSON.parse(moved)).toEqual({ events: [
      { id: 'a', occurredAt: '2026-12-04T10:30:00.000Z' },
      { id: 'b', occurredAt: '2026-12-04T12:00:00.000Z' },
    ] });
  });
});
