import type { Member } from './population';
import type { Random } from './random';
import {
  GROOMER_PATTERNS,
  type GroomerPattern,
  type LookAlikeKind,
  type PlantedGroomer,
  type Role,
  type Truth,
} from './truth';
import type { World } from './world';

/** Something an account does day after day. */
export interface Behaviour {
  /** Schedules what happens on `day`; called before the day runs. */
  plan(day: number): void;
}

/**
 * Chooses who plays each special part, so that no account plays two, and
 * writes down the answer key as it goes.
 */
export class Casting {
  readonly #roles = new Map<string, Role>();
  readonly #groomers: PlantedGroomer[] = [];
  readonly #streams: Random;

  constructor(readonly world: World, readonly random: Random) {
    this.#streams = random.fork('streams');
  }

  /** A random stream of a part's own, so parts never disturb each other. */
  stream(accountId: string): Random {
    return this.#streams.fork(accountId);
  }

  /** An adult with a region that plays no part yet and passes `fits`. */
  adult(fits: (member: Member) => boolean = () => true): Member | undefined {
    const adults = this.world.directory.pool('adult', undefined);
    for (let tries = 0; tries < 4 * adults.length; tries += 1) {
      const member = this.random.pick(adults);
      const free = member.region !== undefined && !this.#roles.has(member.id);
      if (free && fits(member)) return member;
    }
    return undefined;
  }

  isCast(id: string): boolean {
    return this.#roles.has(id);
  }

  lookAlike(member: Member, kind: LookAlikeKind): void {
    this.#roles.set(member.id, { kind: 'look-alike', as: kind });
  }

  groomer(
    member: Member,
    pattern: GroomerPattern,
    startsAtMs: number,
    story: string,
  ): void {
    this.#roles.set(member.id, { kind: 'groomer', pattern });
    this.#groomers.push({ accountId: member.id, pattern,
      rule: GROOMER_PATTERNS[pattern], story, startsAtMs });
  }

  truth(): Truth {
    return { roles: new Map(this.#roles), groomers: [...this.#groomers] };
  }
}
