import { describe, expect, it } from 'vitest';
import { hotAccountCeiling, planFor } from '../../bench/capacity-plan';
import { costPerMillion, total } from '../../bench/cost';

const measured = { writeUnits: 2, readUnits: 1, batchSize: 100,
  secondsPerDelivery: 0.2, flags: 0.001 };

describe('costPerMillion', () => {
  it('prices a million events service by service at list prices', () => {
    const lines = new Map(costPerMillion(measured)
      .map((line) => [line.item, line.perMillion]));

    expect(lines.get('DynamoDB writes')).toBeCloseTo(1.25, 6);
    expect(lines.get('DynamoDB reads')).toBeCloseTo(0.125, 6);
    expect(lines.get('Lambda requests')).toBeCloseTo(0.002, 6);
    expect(lines.get('Lambda duration')).toBeCloseTo(
      10_000 * 0.2 * 0.0000133334, 6);
    expect(lines.get('API Gateway HTTP API')).toBeCloseTo(0.01, 6);
    expect(lines.get('SNS')).toBeCloseTo(0.0005, 6);
  });

  it('sums the lines into the all-in figure', () => {
    expect(total(costPerMillion(measured))).toBeCloseTo(
      1.25 + 0.125 + 0.002 + 0.0266668 + 0.01 + 0.0005, 6);
  });
});

describe('planFor', () => {
  it('scales units, concurrency and requests with the event rate', () => {
    const plan = planFor(100_000, measured);

    expect(plan.writeUnitsPerSecond).toBe(200_000);
    expect(plan.readUnitsPerSecond).toBe(100_000);
    expect(plan.apiRequestsPerSecond).toBe(1_000);
    expect(plan.lambdaConcurrency).toBeCloseTo(200, 6);
  });

  it('names the default quotas a rate exceeds, the furthest first', () => {
    expect(planFor(100_000, measured).overQuota).toEqual([
      'table write units (5.0x)', 'table read units (2.5x)']);
    expect(planFor(10_000, measured).overQuota).toEqual([]);
  });

  it('prices a month as 730 hours of the steady rate', () => {
    const perMillion = total(costPerMillion(measured));

    expect(planFor(10_000, measured).monthlyDollars).toBeCloseTo(
      10_000 * 730 * 3600 / 1e6 * perMillion, 2);
  });

  it('puts a hot account at half the partition write ceiling', () => {
    expect(hotAccountCeiling()).toBe(500);
  });
});
