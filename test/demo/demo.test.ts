import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runDemo, type DemoResult } from '../../demo/session';
import { simulationStart } from '../../demo/start';

/** Small enough to run in well under a minute, long enough for baselines. */
const SMALL_PLATFORM = { seed: 1, accounts: 400, days: 33 };

let result: DemoResult;

beforeAll(async () => {
  result = await runDemo({
    ...SMALL_PLATFORM,
    startMs: simulationStart(Date.now()),
    stepHours: 1,
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `vigil-demo-${randomUUID()}`,
  });
}, 180_000);

describe('the demo on DynamoDB Local', () => {
  it('flags every planted groomer by the rule for its pattern', () => {
    const caught = result.outcome.groomers.map((g) =>
      [g.groomer.pattern, g.caughtBy?.ruleId]);

    expect(caught).toEqual(result.simulation.truth.groomers.map((g) =>
      [g.pattern, g.rule]));
  });

  it('flags no benign account, look-alikes included', () => {
    const flagged = result.outcome.falsePositives.flatMap((fp) =>
      fp.flags.map((flag) => ({ role: fp.role, rule: flag.ruleId })));

    expect(flagged).toEqual([]);
  });

  it('reads every flag back through the API, as the outbox announced', () => {
    expect(result.facts.flagsListed).toBe(result.flags.length);
    expect(result.facts.flagsAnnounced).toBe(result.flags.length);
    expect(result.facts.eventsSent).toBe(result.simulation.events.length);
  });
});
