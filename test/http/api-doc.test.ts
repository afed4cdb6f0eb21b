import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { DEV_WEBHOOK_SECRET } from '../../local/defaults';
import { deliverySchema } from '../../shared/events/schema';
import {
  PROBLEMS,
  problemTypeUri,
  type ProblemType,
} from '../../shared/http/problems';
import { verifySignature } from '../../shared/http/signature';

const guide = readFileSync(
  new URL('../../docs/api.md', import.meta.url), 'utf8');
const openapi = readFileSync(
  new URL('../../docs/openapi.json', import.meta.url), 'utf8');

const pathsSchema = z.object({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

function isProblemType(name: string): name is ProblemType {
  return name in PROBLEMS;
}

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

  it('explains every problem type Vigil defines or openapi.json names',
    () => {
      const types = new Set([
        ...openapi.match(/\/problems\/[a-z-]+/g) ?? [],
        ...Object.keys(PROBLEMS).filter(isProblemType).map(problemTypeUri),
      ]);

      const unexplained = [...types].filter((type) =>
        !guide.includes(`### \`${type}\``));

      expect(types.size).toBeGreaterThan(15);
      expect(unexplained).toEqual([]);
    });

  it('names every route docs/openapi.json describes', () => {
    const { paths } = pathsSchema.parse(JSON.parse(openapi));
    const routes = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) =>
        `\`${method.toUpperCase()} ${path}\``));

    const unnamed = routes.filter((route) => !guide.includes(route));

    expect(routes).toHaveLength(5);
    expect(unnamed).toEqual([]);
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
