import { describe, expect, it } from 'vitest';
import {
  type FlagAttributes,
  matchesFilterPolicy,
  queuesFor,
} from '../../shared/flags/routing';
import { SEVERITIES } from '../../shared/rules/config';

const flag = (overrides: Partial<FlagAttributes> = {}): FlagAttributes => ({
  platform: 'acme-social',
  rule: 'many-minors-contacted',
  severity: 'medium',
  ...overrides,
});

describe('queuesFor', () => {
  it('routes a high-severity flag to the urgent and the review queue', () => {
    const queues = queuesFor(flag({ severity: 'high' }));

    expect(queues).toEqual(['urgent', 'review']);
  });

  it('routes a medium-severity flag to the review queue only', () => {
    const queues = queuesFor(flag({ severity: 'medium' }));

    expect(queues).toEqual(['review']);
  });

  it('routes every severity to the review queue', () => {
    const routed = SEVERITIES.map((severity) => queuesFor(flag({ severity })));

    for (const queues of routed) {
      expect(queues).toContain('review');
    }
  });

  it('ignores the platform and the rule when choosing queues', () => {
    const usual = queuesFor(flag({ severity: 'high' }));

    const other = queuesFor(
      flag({ severity: 'high', platform: 'other', rule: 'other-rule' }),
    );

    expect(other).toEqual(usual);
  });
});

describe('matchesFilterPolicy', () => {
  it('admits any attributes under an empty policy', () => {
    expect(matchesFilterPolicy({}, flag())).toBe(true);
  });

  it('rejects a value missing from an attribute allowlist', () => {
    const policy = { platform: ['acme-social'], rule: ['late-night-contact'] };

    expect(matchesFilterPolicy(policy, flag())).toBe(false);
  });

  it('admits a value present in every listed allowlist', () => {
    const policy = { platform: ['acme-social'], severity: ['medium', 'high'] };

    expect(matchesFilterPolicy(policy, flag())).toBe(true);
  });
});
