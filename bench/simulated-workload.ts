import { DAY_MS } from '../shared/counters/time';
import type { SocialEvent } from '../shared/events/schema';
import { simulatePlatform } from '../demo/simulation/simulate';
import type { Workload, WorkloadRequest } from './workload';

/**
 * Events from the demo's platform simulator. Simulating big populations
 * for many days is slow, so the benchmark simulates `days` and, when it
 * needs more events than they hold, replays them: each round shifted in
 * time by the simulated span and given fresh event ids, so the same
 * accounts keep behaving the same way, as a platform's steady state does.
 */
export function simulatedWorkload(request: WorkloadRequest): Workload {
  const startMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const simulation = simulatePlatform({ seed: request.seed,
    accounts: request.accounts, days: request.days, startMs });
  const once = simulation.events;
  const rounds = Math.max(1, Math.ceil(request.events / once.length));
  const events: SocialEvent[] = [];
  for (let round = 0; round < rounds && events.length < request.events;
    round += 1) {
    for (const event of once.slice(0, request.events - events.length)) {
      events.push(round === 0 ? event : replayed(event, round,
        request.days * DAY_MS));
    }
  }
  return {
    events,
    source: `demo/simulation, seed ${request.seed}, ` +
      `${request.accounts.toLocaleString('en-US')} accounts, ` +
      `${once.length.toLocaleString('en-US')} events in ${request.days} ` +
      `simulated day(s)` + (rounds > 1 ? `, replayed to ${
        events.length.toLocaleString('en-US')} events` : ''),
  };
}

function replayed(
  event: SocialEvent,
  round: number,
  spanMs: number,
): SocialEvent {
  const at = Date.parse(event.occurredAt) + round * spanMs;
  return { ...event, id: `${event.id}-r${round}`,
    occurredAt: new Date(at).toISOString() };
}
