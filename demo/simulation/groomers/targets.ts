import type { Casting } from '../casting';
import type { Member } from '../population';
import type { World } from '../world';

/**
 * Minors in other regions (or with none: an unknown region never links two
 * accounts) who share no friends with the adult and are not their friends.
 */
export function strangerMinors(world: World, adult: Member): Member[] {
  return world.directory.pool('minor', undefined).filter((minor) =>
    minor.region !== adult.region &&
    !world.graph.connected(adult.id, minor.id) &&
    world.graph.mutualCount(adult.id, minor.id) === 0);
}

/**
 * An uncast adult with at least `count` stranger minors, as targets. With
 * `apart`, targets who are not friends with one another come first:
 * children from different schools, so that one child accepting gives the
 * groomer no mutual friend with the next.
 */
export function groomerWithTargets(
  casting: Casting,
  count: number,
  apart = false,
): { groomer: Member; targets: Member[] } | undefined {
  const { world, random } = casting;
  const groomer = casting.adult((adult) =>
    strangerMinors(world, adult).length >= count);
  if (!groomer) return undefined;

  const strangers = random.shuffle(strangerMinors(world, groomer));
  const ordered = apart ? apartFirst(world, strangers) : strangers;
  return { groomer, targets: ordered.slice(0, count) };
}

/** Minors with no friend among those kept before them, then the rest. */
function apartFirst(world: World, minors: readonly Member[]): Member[] {
  const apart: Member[] = [];
  const rest: Member[] = [];
  for (const minor of minors) {
    const alone = apart.every((kept) =>
      !world.graph.connected(minor.id, kept.id));
    (alone ? apart : rest).push(minor);
  }
  return [...apart, ...rest];
}
