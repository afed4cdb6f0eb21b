import type { SocialEvent } from '../events/schema';
import { HOUR_MS } from '../counters/time';

/**
 * Events older than this are refused. Event ids are remembered for longer
 * (EVENT_ID_RETENTION_MS), so any retry that arrives after its id is
 * forgotten is refused too, and no event can ever count twice.
 */
export const MAX_EVENT_AGE_MS = 72 * HOUR_MS;

/** How long an event id is remembered: more than the 76 hours promised. */
export const EVENT_ID_RETENTION_MS = 96 * HOUR_MS;

/** Clocks differ; an event this far ahead of ours is still accepted. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

export interface TimelinessIssue {
  path: (string | number)[];
  message: string;
}

/** Lists events whose time is too old or too far in the future to count. */
export function checkTimeliness(
  events: readonly SocialEvent[],
  nowMs: number,
): TimelinessIssue[] {
  return events.flatMap((event, index) => {
    const at = Date.parse(event.occurredAt);
    const path = ['events', index, 'occurredAt'];
    if (at > nowMs + MAX_CLOCK_SKEW_MS) {
      return [{ path, message:
        'occurredAt is more than 5 minutes in the future; check the clock ' +
        'of the sending system' }];
    }
    if (at < nowMs - MAX_EVENT_AGE_MS) {
      return [{ path, message:
        'occurredAt is more than 72 hours in the past; Vigil counts events ' +
        'only within 72 hours of when they happened' }];
    }
    return [];
  });
}
