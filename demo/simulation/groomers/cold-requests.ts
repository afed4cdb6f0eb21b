import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

const CHILDREN = 30;
const DAYS = 7;
/** A couple of requests to adults, so not quite all are to minors. */
const ADULTS = 2;

/**
 * Friend requests and follows to thirty children across the country in a
 * week, children who share no friends with him: a wide net, to work with
 * whoever answers.
 */
export class ColdRequests implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly children: readonly Member[],
    private readonly startDay: number,
  ) {}

  static cast(casting: Casting, days: number): ColdRequests | undefined {
    const found = groomerWithTargets(casting, CHILDREN);
    if (!found) return undefined;

    const startDay = Math.floor(days * 0.3);
    const { world, random } = casting;
    casting.groomer(found.groomer, 'cold-requests',
      world.calendar.dayStart(startDay),
      `friend requests and follows to ${CHILDREN} children far away who ` +
      'share no friends with him, in one week');
    return new ColdRequests(world, casting.stream(found.groomer.id),
      found.groomer, found.targets,
      startDay);
  }

  plan(day: number): void {
    const offset = day - this.startDay;
    if (offset < 0 || offset >= DAYS) return;

    this.children.forEach((child, index) => {
      if (index % DAYS !== offset) return;
      const at = this.world.calendar.between(this.random, day, 15, 23);
      if (index % 3 === 2) this.world.follow(this.groomer.id, child.id, at);
      else this.world.request(this.groomer.id, child.id, at);
    });
    if (offset < ADULTS) this.#requestAnAdult(day);
  }

  #requestAnAdult(day: number): void {
    const adults = this.world.directory.pool('adult', this.groomer.region);
    const adult = this.random.pick(adults);
    if (adult.id === this.groomer.id) return;
    this.world.request(this.groomer.id, adult.id,
      this.world.calendar.waking(this.random, day));
  }
}
