import { buildFlag } from '../../shared/flags/build';
import type { Flag } from '../../shared/flags/flag';
import { NOW } from '../support/events';

const minute = 60_000;

/**
 * A high-severity flag as ingest raises it: an adult blocked by two minors,
 * the second block triggering it at NOW.
 */
export function sampleFlag(platformId = 'demo'): Flag {
  return buildFlag({
    platformId,
    subject: { id: 'u_adult_1', ageBand: '18_plus', region: 'GB-DBY' },
    decision: {
      ruleId: 'blocked-or-reported-by-minors',
      ruleVersion: 1,
      severity: 'high',
      window: { from: '2026-11-04T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z' },
      measurements: [{ name: 'distinctMinorsBlockingOrReporting', value: 2,
        threshold: 2 }],
    },
    counterparts: [
      { accountId: 'u_minor_1', ageBand: '13_15', region: 'GB-LND',
        eventId: 'evt_block_1',
        occurredAt: new Date(NOW - 5 * minute).toISOString() },
      { accountId: 'u_minor_2', ageBand: '16_17', region: 'GB-MAN',
        eventId: 'evt_report_2', occurredAt: new Date(NOW).toISOString() },
    ],
    triggeringEvents: [
      { eventId: 'evt_report_2', occurredAt: new Date(NOW).toISOString() },
    ],
    raisedAtMs: NOW,
    supersedes: null,
  });
}
