import type { Flag } from '../flags/flag';

/**
 * A consumer that drops repeats by flag id, as every consumer of the
 * at-least-once outbox should. Remembers ids for the life of the process.
 */
export function oncePerFlag(
  consume: (flag: Flag) => void,
): (flag: Flag) => void {
  const seen = new Set<string>();
  return (flag) => {
    if (seen.has(flag.flagId)) return;
    seen.add(flag.flagId);
    consume(flag);
  };
}
