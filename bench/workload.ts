import type { SocialEvent } from '../shared/events/schema';

/** What the benchmark asks of the platform simulator. */
export interface WorkloadRequest {
  seed: number;
  /** Distinct accounts the events are spread over. */
  accounts: number;
  /** Simulated days of platform activity. */
  days: number;
  /** How many events to produce. */
  events: number;
}

/** Time-ordered events of one simulated platform. */
export interface Workload {
  events: readonly SocialEvent[];
  /** Where the events came from, for the printed report. */
  source: string;
}

export type WorkloadSource = (request: WorkloadRequest) => Workload;

/** How the events of a workload divide by type, as shares of the total. */
export function mixOf(events: readonly SocialEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) {
    counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  }
  return new Map([...counts.entries()]
    .sort(([, a], [, b]) => b - a)
    .map(([type, count]) => [type, count / events.length]));
}
