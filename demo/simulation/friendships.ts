import { DAY_MS } from '../../shared/counters/time';
import type { Directory, Group } from './directory';
import { groupOf } from './directory';
import type { Families } from './families';
import { FriendGraph } from './graph';
import type { Member } from './population';
import type { Random } from './random';

/**
 * Ties each account starts out making; each tie also counts for the other
 * side, so the typical account ends with about twice this many friends.
 */
const MEDIAN_TIES: Record<Group, number> = { adult: 11, minor: 14,
  unknown: 8 };
/** Friend counts are heavy-tailed: a few accounts have hundreds. */
const TIES_SPREAD = 0.9;
const MAX_TIES = 300;
/** New friends are often friends of friends, which is what makes mutuals. */
const FRIEND_OF_FRIEND = 0.4;
/** Friendships cluster by place. */
const SAME_REGION = 0.8;
/** Who befriends whom by age: mostly people of one's own group. */
const BEFRIENDS: Record<Group, readonly (readonly [Group, number])[]> = {
  minor: [['minor', 0.9], ['adult', 0.1]],
  adult: [['adult', 0.96], ['minor', 0.04]],
  unknown: [['adult', 0.7], ['minor', 0.3]],
};
/** Old ties formed between a month and five years before the start. */
const OLD_TIE_DAYS = { least: 30, most: 5 * 365 };

/** Family members on the platform are usually friends there too. */
const FAMILY_TIE = { parentChild: 0.8, relativeChild: 0.7,
  parentRelative: 0.9 };

/** The friendships that exist before `startMs`, when the simulation starts. */
export function buildFriendGraph(
  random: Random,
  directory: Directory,
  families: Families,
  startMs: number,
): FriendGraph {
  const graph = new FriendGraph();
  const since = () => longBefore(random, startMs);
  linkFamilies(random, graph, families, since);
  for (const member of random.shuffle(directory.members)) {
    const ties = Math.min(MAX_TIES, Math.round(
      random.logNormal(MEDIAN_TIES[groupOf(member)], TIES_SPREAD)));
    for (let i = 0; i < ties; i += 1) {
      const friend = chooseFriend(random, directory, graph, member);
      if (friend && friend.id !== member.id) {
        graph.connect(member.id, friend.id, since());
      }
    }
  }
  return graph;
}

function linkFamilies(
  random: Random,
  graph: FriendGraph,
  families: Families,
  since: () => number,
): void {
  const link = (chance: number, a: string, b: string) => {
    if (random.chance(chance)) graph.connect(a, b, since());
  };
  for (const [child, parents] of families.parentsOf) {
    for (const parent of parents) link(FAMILY_TIE.parentChild, parent, child);
    for (const relative of families.relativesOf.get(child) ?? []) {
      link(FAMILY_TIE.relativeChild, relative, child);
      for (const parent of parents) {
        link(FAMILY_TIE.parentRelative, relative, parent);
      }
    }
  }
}

/** A moment between a month and five years before `startMs`. */
export function longBefore(random: Random, startMs: number): number {
  const days = random.int(OLD_TIE_DAYS.least, OLD_TIE_DAYS.most);
  return startMs - days * DAY_MS - random.int(0, DAY_MS - 1);
}

/**
 * Someone `member` might befriend: often a friend of a friend, otherwise
 * someone nearby or, less often, anywhere; mostly of their own age group.
 */
export function chooseFriend(
  random: Random,
  directory: Directory,
  graph: FriendGraph,
  member: Member,
  friendOfFriendShare = FRIEND_OF_FRIEND,
): Member | undefined {
  const group = random.weighted(BEFRIENDS[groupOf(member)]);
  if (random.chance(friendOfFriendShare)) {
    const found = friendOfFriend(random, directory, graph, member.id, group);
    if (found) return found;
  }
  const region = random.chance(SAME_REGION) ? member.region : undefined;
  const pool = directory.near(group, region);
  return pool.length > 0 ? random.pick(pool) : undefined;
}

function friendOfFriend(
  random: Random,
  directory: Directory,
  graph: FriendGraph,
  id: string,
  group: Group,
): Member | undefined {
  const friends = [...graph.friendsOf(id)];
  if (friends.length === 0) return undefined;
  const theirs = [...graph.friendsOf(random.pick(friends))]
    .map((friendId) => directory.get(friendId))
    .filter((m) => m.id !== id && groupOf(m) === group);
  return theirs.length > 0 ? random.pick(theirs) : undefined;
}
