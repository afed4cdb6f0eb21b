import { isAdult, isMinor, type Member } from './population';

/** The three groups the simulation draws accounts from. */
export type Group = 'minor' | 'adult' | 'unknown';

export function groupOf(member: Member): Group {
  if (isMinor(member)) return 'minor';
  return isAdult(member) ? 'adult' : 'unknown';
}

/** Looks members up by id, and by group and region for drawing contacts. */
export class Directory {
  readonly #byId = new Map<string, Member>();
  readonly #pools = new Map<string, Member[]>();

  constructor(readonly members: readonly Member[]) {
    for (const member of members) {
      this.#byId.set(member.id, member);
      this.#pool(groupOf(member), undefined).push(member);
      if (member.region !== undefined) {
        this.#pool(groupOf(member), member.region).push(member);
      }
    }
  }

  get(id: string): Member {
    const member = this.#byId.get(id);
    if (!member) throw new RangeError(`no member ${id}`);
    return member;
  }

  /** Members of a group, in one region or (undefined) anywhere. */
  pool(group: Group, region: string | undefined): readonly Member[] {
    return this.#pools.get(poolKey(group, region)) ?? [];
  }

  /** Members of a group in a region, or anywhere if the region has none. */
  near(group: Group, region: string | undefined): readonly Member[] {
    const local = this.pool(group, region);
    return local.length > 0 ? local : this.pool(group, undefined);
  }

  #pool(group: Group, region: string | undefined): Member[] {
    const key = poolKey(group, region);
    let pool = this.#pools.get(key);
    if (!pool) {
      pool = [];
      this.#pools.set(key, pool);
    }
    return pool;
  }
}

function poolKey(group: Group, region: string | undefined): string {
  return `${group}@${region ?? '*'}`;
}
