import { DAY_MS } from '../counters/time';

/**
 * How long a flag and its evidence are kept after it is raised: long enough
 * for review and appeal, short enough that pseudonymous data does not pile up.
 */
export const FLAG_RETENTION_MS = 365 * DAY_MS;

/**
 * How long a flag is kept at least once its legal hold is released, so the
 * platform can close its own report before the evidence goes.
 */
export const AFTER_HOLD_MS = 30 * DAY_MS;

/** When an unheld flag raised at this time expires, in milliseconds. */
export function flagExpiryMs(raisedAt: string): number {
  return Date.parse(raisedAt) + FLAG_RETENTION_MS;
}

/** A released flag keeps its ordinary expiry, but no less than 30 days. */
export function expiryAfterHoldMs(raisedAt: string, releasedAtMs: number) {
  return Math.max(flagExpiryMs(raisedAt), releasedAtMs + AFTER_HOLD_MS);
}
