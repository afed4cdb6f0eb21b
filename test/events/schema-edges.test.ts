import { describe, expect, it } from 'vitest';
import { deliverySchema } from '../../shared/events/schema';
import { adult, event, minor } from '../support/events';

/** Values of every JSON type, and a few that often break parsers. */
const ODD_VALUES: unknown[] = [null, true, 0, -1, 1.5, 2 ** 60, '', 'x',
  '\uD800', [], [null], {}, { id: null }, { __proto__: { id: 'x' } }];

const base = () => ({
  ...event('post.viewed', adult('edge-adult'), minor('edge-minor')),
  mutualConnections: 0,
  count: 2,
  connectedSince: '2026-01-01T00:00:00Z',
});

/** Every path to a field of an event, accounts' fields included. */
const FIELD_PATHS: string[][] = [
  ...Object.keys(base()).map((field) => [field]),
  ...['actor', 'target'].flatMap((side) =>
    ['id', 'ageBand', 'region', 'createdAt'].map((field) => [side, field])),
];

function withValue(path: string[], value: unknown) {
  const copy: Record<string, unknown> = structuredClone(base());
  const [first, second] = path;
  if (second === undefined) copy[first!] = value;
  else copy[first!] = { ...(copy[first!] as object), [second]: value };
  return { events: [copy] };
}

describe('the delivery schema at its edges', () => {
  it('reports, never throws, whatever stands in place of an event',
    () => {
      for (const value of ODD_VALUES) {
        const parsed = deliverySchema.safeParse({ events: [value] });

        expect(parsed.success, JSON.stringify(value)).toBe(false);
        expect(parsed.error?.issues.length).toBeGreaterThan(0);
      }
    });

  it('reports, never throws, whatever stands in any field', () => {
    for (const path of FIELD_PATHS) {
      for (const value of ODD_VALUES) {
        const parsed = deliverySchema.safeParse(withValue(path, value));

        // Each problem is located inside the event it belongs to.
        for (const issue of parsed.error?.issues ?? []) {
          expect(issue.path.slice(0, 2), `${path.join('.')}=${
            JSON.stringify(value)}`).toEqual(['events', 0]);
        }
      }
    }
  });
});
