import { describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/flags/flag';
import { formatReport, type RunFacts } from '../../demo/report/format';
import { isPerfect, judge } from '../../demo/report/outcome';
import type { Role, Truth } from '../../demo/simulation/truth';
import { sampleFlag } from '../flags/sample-flag';

const START = Date.parse('2027-01-04T00:00:00Z');

function flag(
  accountId: string,
  ruleId: Flag['ruleId'],
  severity: Flag['severity'],
  raisedAt: string,
): Flag {
  return { ...sampleFlag(), flagId: `flg_${accountId}_${ruleId}_${severity}`,
    accountId, ruleId, severity, raisedAt };
}

const truth: Truth = {
  roles: new Map<string, Role>([
    ['u_cold', { kind: 'groomer', pattern: 'cold-requests' }],
    ['u_case', { kind: 'groomer', pattern: 'real-case' }],
    ['u_gran', { kind: 'look-alike', as: 'relative' }],
    ['u_teach', { kind: 'look-alike', as: 'teacher' }],
  ]),
  groomers: [
    { accountId: 'u_cold', pattern: 'cold-requests',
      rule: 'unconnected-minor-contact', story: 'asks thirty children',
      startsAtMs: START + 10 * 86_400_000 },
    { accountId: 'u_case', pattern: 'real-case',
      rule: 'unsolicited-messages-to-minor', story: 'one message, then ' +
      'thirteen days of many more to the same child, after a case that ' +
      'was documented in court',
      startsAtMs: START + 15 * 86_400_000 },
  ],
};

const flags = [
  flag('u_cold', 'rejected-by-minors', 'medium', '2027-01-16T20:59:59.999Z'),
  flag('u_cold', 'unconnected-minor-contact', 'medium',
    '2027-01-15T21:59:59.999Z'),
  flag('u_case', 'blocked-or-reported-by-minors', 'high',
    '2027-01-22T18:59:59.999Z'),
  flag('u_gran', 'unsolicited-messages-to-minor', 'high',
    '2027-01-09T12:59:59.999Z'),
  flag('u_other', 'blocked-or-reported-by-minors', 'high',
    '2027-01-30T07:59:59.999Z'),
];

const facts: RunFacts = { seed: 7, accounts: 3000, minors: 601, days: 40,
  startMs: START, eventsSent: 12_345, deliveries: 900, elapsedMs: 95_000,
  flagsListed: 5, flagsAnnounced: 5 };

describe('judge', () => {
  it('counts a groomer as caught only by the rule of its pattern', () => {
    const outcome = judge(truth, flags);

    expect(outcome.groomers.map((g) => g.caughtBy?.ruleId)).toEqual(
      ['unconnected-minor-contact', undefined]);
    expect(outcome.groomersFlagged).toBe(2);
  });

  it('lists every benign account flagged, with its part', () => {
    const outcome = judge(truth, flags);

    expect(outcome.falsePositives.map((fp) => [fp.accountId, fp.role]))
      .toEqual([
        ['u_gran', { kind: 'look-alike', as: 'relative' }],
        ['u_other', { kind: 'ordinary' }],
      ]);
    expect(outcome.accountsFlagged).toBe(4);
    expect(isPerfect(outcome)).toBe(false);
  });

  it('is perfect when every groomer is caught and no one else', () => {
    const caught = [flags[1]!, flag('u_case', 'unsolicited-messages-to-minor',
      'high', '2027-01-21T18:59:59.999Z')];

    expect(isPerfect(judge(truth, caught))).toBe(true);
  });
});

describe('formatReport', () => {
  it('prints each groomer, the false positives and the summary', () => {
    const text = formatReport(judge(truth, flags), truth, facts);

    expect(text).toBe([
      'Simulated 3,000 accounts (601 minors) for 40 days from 2027-01-04, ' +
      'seed 7.',
      'Sent 12,345 events in 900 signed deliveries in 95 s (130 events/s).',
      '',
      'Planted groomers: 1 of 2 caught by the rule for their pattern',
      '  u_cold  cold-requests, began 2027-01-14',
      '    asks thirty children',
      '    CAUGHT 2027-01-15 21:59 (+1 d 22 h) unconnected-minor-contact ' +
      '(medium)',
      '    also   2027-01-16 20:59 (+2 d 21 h) rejected-by-minors (medium)',
      '  u_case  real-case, began 2027-01-19',
      '    one message, then thirteen days of many more to the same child, ' +
      'after a',
      '    case that was documented in court',
      '    MISSED no unsolicited-messages-to-minor flag',
      '    also   2027-01-22 18:59 (+3 d 19 h) blocked-or-reported-by-minors ' +
      '(high)',
      '',
      'Benign accounts flagged: 2 (false positives)',
      '  u_gran  relative  2027-01-09 12:59 unsolicited-messages-to-minor ' +
      '(high)',
      '  u_other  ordinary  2027-01-30 07:59 blocked-or-reported-by-minors ' +
      '(high)',
      '  look-alikes flagged: teacher 0/1, coach 0/0, relative 1/1, ' +
      'creator 0/0,',
      '  networker 0/0, parent 0/0',
      '',
      'Recall 2/2 planted groomers flagged (100%); precision 2/4 flagged ' +
      'accounts',
      'were groomers (50%). Read back 5 flags through the moderator API; ' +
      'the outbox',
      'announced 5 as they were raised.',
    ].join('\n'));
  });
});
