import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

const CHILDREN = 24;
const WEEKS = 4;
const START_DAY = 3;

/**
 * Friend requests to children he does not know, six a week for a month:
 * too few in any week for the cold-contact rule. His empty profile and
 * pushy approach put children off, and most of them refuse him.
 */
export class SlowRequests implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly children: readonly Member[],
  ) {}

  static cast(casting: Casting): SlowRequests | undefined {
    const found = groomerWithTargets(casting, CHILDREN);
    if (!found) return undefined;

    casting.groomer(found.groomer, 'slow-requests',
      casting.world.calendar.dayStart(START_DAY),
      `friend requests to ${CHILDREN} children he does not know, six a ` +
      'week for a month; most refuse');
    return new SlowRequests(casting.world, casting.stream(found.groomer.id),
      found.groomer, found.targets);
  }

  plan(day: number): void {
    const span = WEEKS * 7;
    const offset = day - START_DAY;
    if (offset < 0 || offset >= span) return;

    this.children.forEach((child, index) => {
      if (Math.floor(index * span / this.children.length) !== offset) return;
      const at = this.world.calendar.between(this.random, day, 16, 22);
      this.world.request(this.groomer.id, child.id, at,
        { offPutting: true });
    });
  }
}
