import pLimit from 'p-limit';
import type { SocialEvent } from '../../shared/events/schema';
import { deliveriesOf, stepsOf } from './batches';
import type { VigilClient } from './client';
import type { SimulatedClock } from './clock';

/** Events per delivery: well under the 500 allowed, so each is quick. */
export const DELIVERY_SIZE = 200;
/** Deliveries in flight at once within one simulated hour. */
export const CONCURRENCY = 4;

/** How far the demo has got, after each simulated hour. */
export interface Progress {
  simulatedMs: number;
  eventsSent: number;
  eventsTotal: number;
  deliveries: number;
  flagsRaised: number;
  /** Real time since sending began. */
  elapsedMs: number;
}

export interface DriveOptions {
  events: readonly SocialEvent[];
  /** Hours sent at once, at the end of which Vigil's clock stands. */
  stepHours: number;
  deliverySize?: number;
  concurrency?: number;
  client: VigilClient;
  clock: SimulatedClock;
  onProgress?: (progress: Progress) => void;
}

/**
 * Sends the simulation to Vigil hour by hour, moving Vigil's clock to the
 * end of each hour first, so that every event is judged as if it had just
 * happened. Hours go one after another; an hour's deliveries go together.
 */
export async function drive(options: DriveOptions): Promise<Progress> {
  const { events, client, clock, onProgress } = options;
  const limit = pLimit(options.concurrency ?? CONCURRENCY);
  const size = options.deliverySize ?? DELIVERY_SIZE;
  const startedAt = Date.now();
  const progress: Progress = { simulatedMs: clock.now(), eventsSent: 0,
    eventsTotal: events.length, deliveries: 0, flagsRaised: 0,
    elapsedMs: 0 };

  for (const step of stepsOf(events, options.stepHours)) {
    clock.advanceTo(step.endMs);
    const answers = await Promise.all(deliveriesOf(step.events, size)
      .map((delivery) => limit(() => client.send(delivery))));
    progress.simulatedMs = step.endMs;
    progress.eventsSent += step.events.length;
    progress.deliveries += answers.length;
    progress.flagsRaised += answers.reduce((n, a) => n + a.flags.length, 0);
    progress.elapsedMs = Date.now() - startedAt;
    onProgress?.({ ...progress });
  }
  return progress;
}
