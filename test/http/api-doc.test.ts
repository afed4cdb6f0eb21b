import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import { deliverySchema } from '../../shared/events/schema';
import { verifySignature } from '../../shared/http/signature';

const guide = readFileSync(
  new URL('../../docs/api.md', import.meta.url), 'utf8');
const openapi = readFileSync(
  new URL('../../docs/openapi.json', import.meta.url), 'utf8');

/** The request in the guide's one `http` block: its headers and body. */
function workedExample() {
  const block = /```http\n([\s\S]*?)\n```/.exec(guide)?.[1] ?? '';
  const [head = '', body = ''] = block.split('\n\n');
  const headers = Object.fromEntries(head.split('\n').slice(1).map((line) => {
    const [name = '', ...value] = line.split(': ');
    return [name.toLowerCase(), value.join(': ')];
  }));
  return { headers, body };
}

describe('docs/api.md', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('explains every problem type docs/openapi.json names', () => {
    const types = new Set(openapi.match(/\/problems\/[a-z-]+/g));

    const unexplained = [...types].filter((type) =>
      !guide.includes(`### \`${type}\``));

    expect(types.size).toBeGreaterThan(10);
    expect(unexplained).toEqual([]);
  });

  it('signs its worked example correctly with the development secret',
    () => {
      const { headers, body } = workedExample();
      vi.useFakeTimers();
      vi.setSystemTime(Number(headers['webhook-timestamp']) * 1000);

      expect(() => verifySignature(Buffer.from(body), headers,
        [DEV_WEBHOOK_SECRET])).not.toThrow();
      expect(deliverySchema.safeParse(JSON.parse(body)).success).toBe(true);
      expect(guide).toContain(`${Buffer.byteLength(body)}-byte body`);
    });
});
