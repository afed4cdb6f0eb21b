import type { Account, AgeBand } from '../../shared/events/schema';
import type { Random } from './random';
import { REGION_WEIGHTS } from './regions';

/** One account of the simulated platform, as the platform knows it. */
export interface Member {
  id: string;
  ageBand: AgeBand;
  /** Undefined when the account never shared a location. */
  region: string | undefined;
}

/** About a fifth of accounts on a general social platform are minors. */
export const MINOR_SHARE = 0.2;

/** Accounts whose age the platform never learned. */
const UNKNOWN_AGE_SHARE = 0.02;

/** Accounts without a region; Vigil never links them by place. */
const NO_REGION_SHARE = 0.05;

/** Most platforms require 13+, so younger accounts are the fewest minors. */
const MINOR_BANDS: readonly (readonly [AgeBand, number])[] = [
  ['under_13', 0.15],
  ['13_15', 0.45],
  ['16_17', 0.4],
];

/** Draws `size` accounts with age bands and home regions. */
export function buildPopulation(random: Random, size: number): Member[] {
  const ids = uniqueIds(random, size);
  return ids.map((id) => ({
    id,
    ageBand: drawAgeBand(random),
    region: random.chance(NO_REGION_SHARE) ? undefined
      : random.weighted(REGION_WEIGHTS),
  }));
}

export function isMinor(member: Pick<Member, 'ageBand'>): boolean {
  return MINOR_BANDS.some(([band]) => band === member.ageBand);
}

export function isAdult(member: Pick<Member, 'ageBand'>): boolean {
  return member.ageBand === '18_plus';
}

/** The account as events carry it: no region key when there is none. */
export function accountOf(member: Member): Account {
  return member.region === undefined
    ? { id: member.id, ageBand: member.ageBand }
    : { id: member.id, ageBand: member.ageBand, region: member.region };
}

function drawAgeBand(random: Random): AgeBand {
  const draw = random.next();
  if (draw < MINOR_SHARE) return random.weighted(MINOR_BANDS);
  if (draw < MINOR_SHARE + UNKNOWN_AGE_SHARE) return 'unknown';
  return '18_plus';
}

/** Opaque platform ids, like the pseudonymous ids real platforms send. */
function uniqueIds(random: Random, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) {
    ids.add(`u_${random.int(0, 36 ** 6 - 1).toString(36).padStart(6, '0')}`);
  }
  return [...ids];
}
