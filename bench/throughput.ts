import type { SocialEvent } from '../shared/events/schema';
import { barePath, httpPath, type PathRun } from './paths';

export interface ThroughputPlan {
  /** Events sent untimed first, to warm both JITs and fill the tables. */
  warmupEvents: number;
  timedEvents: number;
  /** The timed events are sent in this many rounds, alternating paths. */
  rounds: number;
  /** Deliveries of 100 open at once on Vigil's path. */
  deliveriesInFlight: number;
  /** Single-event writes open at once on the bare path. */
  writesInFlight: number;
}

/**
 * Pushes the same events through Vigil's HTTP path and as bare writes,
 * each on a fresh table in a DynamoDB Local of its own, so that neither
 * pays for the other's stream records (see freshTable). The paths take
 * turns, round by round, so that anything else loading the machine
 * weighs on both alike and the ratio stays fair.
 */
export async function measureThroughput(
  events: readonly SocialEvent[],
  plan: ThroughputPlan,
): Promise<{ vigil: PathRun; bare: PathRun }> {
  const vigil = await httpPath(100, plan.deliveriesInFlight);
  const bare = await barePath(plan.writesInFlight);
  const warmup = events.slice(0, plan.warmupEvents);
  await vigil.push(warmup, false);
  await bare.push(warmup, false);

  const perRound = Math.ceil(plan.timedEvents / plan.rounds / 100) * 100;
  for (let round = 0; round < plan.rounds; round += 1) {
    const from = plan.warmupEvents + round * perRound;
    const slice = events.slice(from, from + perRound);
    await vigil.push(slice, true);
    await bare.push(slice, true);
  }
  return { vigil: await vigil.finish(true), bare: await bare.finish(true) };
}
