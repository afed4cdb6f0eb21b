import { keys, type Key } from './keys';

/**
 * Keys of what reviewing adds beside a flag, in its platform's partition.
 * Neither prefix starts with `F#`, so listing flags and the stream filter
 * that publishes new flags pass over them.
 */
export const reviewKeys = {
  /** One decision; numbered so the trail reads back in order. */
  trailEntry: (platformId: string, flagId: string, seq: number): Key => ({
    pk: keys.flag(platformId, flagId).pk,
    sk: `${reviewKeys.trailPrefix(flagId)}${String(seq).padStart(4, '0')}`,
  }),

  trailPrefix: (flagId: string) => `T#${flagId}#`,

  /** The evidence frozen when the flag was escalated. */
  snapshot: (platformId: string, flagId: string): Key => ({
    pk: keys.flag(platformId, flagId).pk,
    sk: `S#${flagId}`,
  }),
} as const;
