import type { Directory } from './directory';
import type { Random } from './random';

/** Family ties: the adults on the platform who are a minor's kin. */
export interface Families {
  parentsOf: ReadonlyMap<string, readonly string[]>;
  /** Grandparents, aunts and uncles, often living elsewhere. */
  relativesOf: ReadonlyMap<string, readonly string[]>;
  childrenOf: ReadonlyMap<string, readonly string[]>;
}

/** Share of minors with a parent on the platform. */
const WITH_PARENT = 0.75;
/** Share of those whose parent already has a child here: siblings. */
const SIBLING = 0.3;
/** Share of minors with a relative on the platform. */
const WITH_RELATIVE = 0.35;
/** Relatives live in the same region this often; otherwise anywhere. */
const RELATIVE_NEARBY = 0.4;

/** Gives minors parents in their own region and relatives near or far. */
export function formFamilies(random: Random, directory: Directory): Families {
  const parentsOf = new Map<string, string[]>();
  const relativesOf = new Map<string, string[]>();
  const childrenOf = new Map<string, string[]>();

  for (const child of directory.pool('minor', undefined)) {
    if (random.chance(WITH_PARENT)) {
      const parent = chooseParent(random, directory, child.region, childrenOf);
      add(parentsOf, child.id, parent);
      add(childrenOf, parent, child.id);
    }
    if (random.chance(WITH_RELATIVE)) {
      const region = random.chance(RELATIVE_NEARBY) ? child.region : undefined;
      const relative = random.pick(directory.near('adult', region));
      add(relativesOf, child.id, relative.id);
    }
  }
  return { parentsOf, relativesOf, childrenOf };
}

function chooseParent(
  random: Random,
  directory: Directory,
  region: string | undefined,
  childrenOf: ReadonlyMap<string, readonly string[]>,
): string {
  const local = directory.near('adult', region);
  if (random.chance(SIBLING)) {
    const parents = random.sample(local, 20)
      .filter((adult) => (childrenOf.get(adult.id)?.length ?? 0) === 1);
    if (parents[0]) return parents[0].id;
  }
  return random.pick(local).id;
}

function add(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(value)) list.push(value);
  map.set(key, list);
}
