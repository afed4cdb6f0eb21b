import { describe, expect, it } from 'vitest';
import type { Flag } from '../../shared/flags/flag';
import {
  FlagMessageTooLargeError,
  MESSAGE_COUNTERPART_LIMIT,
  SNS_MAX_MESSAGE_BYTES,
  flagMessage,
} from '../../shared/flags/message';
import { RULE_IDS, SEVERITIES } from '../../shared/rules/config';
import { sampleFlag } from './sample-flag';

/** An id of the most bytes ingest accepts, each escaped six-fold in JSON. */
const worstId = (n: number) => `${n}`.padEnd(128, '\u0001');

/** A flag holding the most evidence a flag can, with the widest ids. */
function maximalFlag(): Flag {
  const flag = sampleFlag();
  return {
    ...flag,
    accountId: worstId(0),
    counterparts: Array.from({ length: 25 }, (_, i) => ({
      accountId: worstId(i), ageBand: '13_15', region: 'GB-ABC',
      eventId: worstId(i + 100), occurredAt: '2026-12-03T12:00:00.000Z' })),
    counterpartCount: 5000,
    regionsInvolved: Array.from({ length: 5000 }, (_, i) =>
      `G${String.fromCharCode(65 + (i % 26))}-${String(i).padStart(3, '0')}`),
    triggeringEventIds: Array.from({ length: 25 }, (_, i) => worstId(i)),
    measurements: Array.from({ length: 3 }, (_, i) => ({
      name: `measurement${i}`, value: 1e9, threshold: 1e9 })),
    supersedes: flag.flagId,
  };
}

describe('flagMessage', () => {
  it('summarises a flag with its counts, references and review links', () => {
    const flag = sampleFlag();

    const { body } = flagMessage(flag);

    expect(body).toEqual({
      kind: 'vigil.flag',
      version: 1,
      flagId: flag.flagId,
      platformId: 'demo',
      accountId: 'u_adult_1',
      ruleId: 'blocked-or-reported-by-minors',
      ruleVersion: 1,
      severity: 'high',
      raisedAt: '2026-12-03T12:00:00.000Z',
      window: { from: '2026-11-04T00:00:00.000Z',
        to: '2026-12-03T23:59:59.999Z' },
      measurements: [{ name: 'distinctMinorsBlockingOrReporting', value: 2,
        threshold: 2 }],
      subject: { ageBand: '18_plus', region: 'GB-DBY' },
      counterpartCount: 2,
      counterparts: [
        { accountId: 'u_minor_2', ageBand: '16_17', region: 'GB-MAN',
          eventId: 'evt_report_2', occurredAt: '2026-12-03T12:00:00.000Z' },
        { accountId: 'u_minor_1', ageBand: '13_15', region: 'GB-LND',
          eventId: 'evt_block_1', occurredAt: '2026-12-03T11:55:00.000Z' },
      ],
      counterpartsOmitted: 0,
      regionsInvolved: ['GB-DBY', 'GB-LND', 'GB-MAN'],
      regionsOmitted: 0,
      triggeringEventIds: ['evt_report_2'],
      supersedes: undefined,
      links: {
        flag: `/v1/platforms/demo/flags/${flag.flagId}`,
        evidence: `/v1/platforms/demo/flags/${flag.flagId}/evidence`,
        decisions: `/v1/platforms/demo/flags/${flag.flagId}/decisions`,
      },
    });
  });

  it('routes on platform, rule and severity and dedupes on flag id', () => {
    const flag = sampleFlag();

    const { attributes } = flagMessage(flag);

    expect(attributes).toEqual({ platform: 'demo',
      rule: 'blocked-or-reported-by-minors', severity: 'high',
      flagId: flag.flagId });
  });

  it('sends only validated, non-empty attribute values, at most ten', () => {
    const { attributes } = flagMessage(sampleFlag('kids-chat'));

    const values = Object.values(attributes);
    expect(values.length).toBeLessThanOrEqual(10);
    expect(values.every((value) => value.length > 0)).toBe(true);
    expect(attributes.platform).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
    expect(RULE_IDS).toContain(attributes.rule);
    expect(SEVERITIES).toContain(attributes.severity);
    expect(attributes.flagId).toMatch(/^flg_\d{8}T\d{6}_[\w-]{16}$/);
  });

  it('lists ten counterparts and counts the rest as omitted', () => {
    const flag = maximalFlag();

    const { body } = flagMessage(flag);

    expect(body.counterparts).toHaveLength(MESSAGE_COUNTERPART_LIMIT);
    expect(body.counterpartsOmitted).toBe(25 - MESSAGE_COUNTERPART_LIMIT);
    expect(body.regionsInvolved).toHaveLength(50);
    expect(body.regionsOmitted).toBe(4950);
  });

  it('stays far below the SNS limit with the most evidence a flag holds',
    () => {
      const { json, attributes } = flagMessage(maximalFlag());

      const bytes = Buffer.byteLength(json) +
        Buffer.byteLength(JSON.stringify(attributes));
      expect(bytes).toBeLessThan(SNS_MAX_MESSAGE_BYTES / 2);
    });

  it('refuses a flag whose message SNS would refuse', () => {
    const flag = { ...sampleFlag(), accountId: 'x'.repeat(300_000) };

    expect(() => flagMessage(flag)).toThrow(FlagMessageTooLargeError);
    expect(() => flagMessage(flag)).toThrow(
      `flag ${flag.flagId} makes a 301211-byte message; SNS takes at most ` +
      '262144');
  });
});
