import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

const CHILDREN_SWEPT = 20;
const POSTS_EACH: readonly [number, number] = [3, 6];
/** Children whose posts he glances at on an ordinary day. */
const DAILY_GLANCES: readonly [number, number] = [0, 3];

/**
 * A few views of children's posts a day, then one evening a sweep through
 * the posts of twenty children he does not know, to pick whom to approach.
 */
export class ViewsSweep implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly children: readonly Member[],
    private readonly sweepDay: number,
  ) {}

  static cast(casting: Casting, days: number): ViewsSweep | undefined {
    const found = groomerWithTargets(casting, CHILDREN_SWEPT);
    if (!found) return undefined;

    const sweepDay = days - 8;
    const { world, random } = casting;
    casting.groomer(found.groomer, 'views-sweep',
      world.calendar.dayStart(sweepDay),
      `a few views of children's posts a day, then one evening about ` +
      `${CHILDREN_SWEPT * 4} views of ${CHILDREN_SWEPT} children's posts`);
    return new ViewsSweep(world, casting.stream(found.groomer.id),
      found.groomer, found.targets,
      sweepDay);
  }

  plan(day: number): void {
    if (day === this.sweepDay) this.#sweep(day);
    else this.#glance(day);
  }

  #glance(day: number): void {
    const [least, most] = DAILY_GLANCES;
    for (const child of this.random.sample(this.children,
      this.random.int(least, most))) {
      this.world.view(this.groomer.id, child.id,
        this.world.calendar.waking(this.random, day));
    }
  }

  /** About four posts each, child after child, over three hours. */
  #sweep(day: number): void {
    let at = this.world.calendar.between(this.random, day, 19, 20);
    for (const child of this.children) {
      const posts = this.random.int(POSTS_EACH[0], POSTS_EACH[1]);
      this.world.view(this.groomer.id, child.id, at, posts);
      at += this.random.int(4, 9) * 60_000;
    }
  }
}
