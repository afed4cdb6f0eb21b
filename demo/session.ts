import { startLocalVigil, type LocalVigil } from '../local/app';
import {
  DEV_MODERATOR_TOKEN,
  DEV_PLATFORM_ID,
  DEV_WEBHOOK_SECRET,
} from '../local/defaults';
import type { Flag } from '../shared/flags/flag';
import { VigilClient } from './driver/client';
import { SimulatedClock } from './driver/clock';
import { drive, type Progress } from './driver/drive';
import { judge, type Outcome } from './report/outcome';
import type { RunFacts } from './report/format';
import { isMinor } from './simulation/population';
import { simulatePlatform, type Simulation } from './simulation/simulate';

export interface DemoOptions {
  seed: number;
  accounts: number;
  days: number;
  /** Midnight UTC of the first simulated day. */
  startMs: number;
  /** Simulated hours sent together; Vigil's clock ends each at their end. */
  stepHours: number;
  /** Use this running DynamoDB (Local) instead of starting one. */
  dynamoEndpoint?: string;
  tableName?: string;
  onSimulated?: (simulation: Simulation) => void;
  onProgress?: (progress: Progress) => void;
  onFlag?: (flag: Flag) => void;
}

export interface DemoResult {
  simulation: Simulation;
  /** Every flag, as announced live and as read back through the API. */
  flags: Flag[];
  outcome: Outcome;
  facts: RunFacts;
}

/** How long to wait for the outbox to announce the last flags. */
const ANNOUNCE_WAIT_MS = 5_000;

/**
 * Simulates a platform, sends its events to a local Vigil through the
 * signed webhook API on a simulated clock, reads the flags back through the
 * moderator API, and judges them against the planted truth.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { seed, accounts, days, startMs } = options;
  const simulation = simulatePlatform({ seed, accounts, days, startMs });
  options.onSimulated?.(simulation);

  const clock = new SimulatedClock(options.startMs);
  const announced = new Map<string, Flag>();
  const vigil = await startVigil(options, clock, (flag) => {
    announced.set(flag.flagId, flag);
    options.onFlag?.(flag);
  });
  try {
    const client = new VigilClient({ url: vigil.url,
      platformId: DEV_PLATFORM_ID, webhookSecret: DEV_WEBHOOK_SECRET,
      moderatorToken: DEV_MODERATOR_TOKEN });
    const progress = await drive({ events: simulation.events, client, clock,
      stepHours: options.stepHours, onProgress: options.onProgress });
    const listed = await client.listFlags();
    await waitForAnnouncements(announced, listed.length);

    const flags = mergeFlags(listed, announced);
    return {
      simulation,
      flags,
      outcome: judge(simulation.truth, flags),
      facts: { ...factsOf(simulation, progress),
        flagsListed: listed.length, flagsAnnounced: announced.size },
    };
  } finally {
    await vigil.stop();
  }
}

function startVigil(
  options: DemoOptions,
  clock: SimulatedClock,
  onFlag: (flag: Flag) => void,
): Promise<LocalVigil> {
  return startLocalVigil({
    platforms: { [DEV_PLATFORM_ID]: [DEV_WEBHOOK_SECRET] },
    moderatorToken: DEV_MODERATOR_TOKEN,
    now: clock.now,
    onFlag,
    logLevel: 'ERROR',
    ...(options.dynamoEndpoint ? { dynamoEndpoint: options.dynamoEndpoint }
      : {}),
    ...(options.tableName ? { tableName: options.tableName } : {}),
  });
}

/** The outbox announces flags shortly after they are stored. */
async function waitForAnnouncements(
  announced: ReadonlyMap<string, Flag>,
  expected: number,
): Promise<void> {
  const deadline = Date.now() + ANNOUNCE_WAIT_MS;
  while (announced.size < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function mergeFlags(
  listed: readonly Flag[],
  announced: ReadonlyMap<string, Flag>,
): Flag[] {
  const all = new Map(announced);
  for (const flag of listed) all.set(flag.flagId, flag);
  return [...all.values()];
}

function factsOf(
  simulation: Simulation,
  progress: Progress,
): Omit<RunFacts, 'flagsListed' | 'flagsAnnounced'> {
  const { seed, accounts, days, startMs } = simulation.options;
  return {
    seed, accounts, days, startMs,
    elapsedMs: progress.elapsedMs,
    minors: simulation.members.filter(isMinor).length,
    eventsSent: progress.eventsSent,
    deliveries: progress.deliveries,
  };
}
