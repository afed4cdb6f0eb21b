import type { Behaviour, Casting } from '../casting';
import type { Random } from '../random';
import type { World } from '../world';

/** Days on which the relative writes, and messages on such a day. */
const DAILY_CHANCE = 0.85;
const MESSAGES_PER_DAY: readonly [number, number] = [2, 5];

/**
 * A grandparent, aunt or uncle who messages a young relative nearly every
 * day. They became friends on the platform years ago, share family members
 * as friends, and often live in another region.
 */
export class Relative implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly relative: string,
    private readonly child: string,
  ) {}

  /** Casts one relative who is already friends with the child and kin. */
  static cast(casting: Casting): Relative | undefined {
    const { world, random } = casting;
    const pairs = [...world.families.relativesOf].flatMap(([child, kin]) =>
      kin.map((relative) => ({ child, relative })));
    const fitting = random.shuffle(pairs).find(({ child, relative }) =>
      !casting.isCast(relative) &&
      world.directory.get(relative).region !== undefined &&
      world.graph.connected(child, relative) &&
      world.graph.mutualCount(child, relative) > 0);
    if (!fitting) return undefined;

    casting.lookAlike(world.directory.get(fitting.relative), 'relative');
    return new Relative(world, casting.stream(fitting.relative),
      fitting.relative, fitting.child);
  }

  plan(day: number): void {
    if (!this.random.chance(DAILY_CHANCE)) return;

    let at = this.world.calendar.between(this.random, day, 8, 20);
    const [least, most] = MESSAGES_PER_DAY;
    for (let i = this.random.int(least, most); i > 0; i -= 1) {
      this.world.message(this.relative, this.child, at);
      if (this.random.chance(0.3)) {
        this.world.message(this.child, this.relative, at + 300_000);
      }
      at += this.random.int(10, 90) * 60_000;
    }
  }
}
