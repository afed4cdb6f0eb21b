import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

const CHILDREN = 16;
const START_DAY = 6;
/** One new child every day or two, over about three weeks. */
const DAYS_BETWEEN = [1, 2] as const;
const MESSAGES_EACH: readonly [number, number] = [2, 4];
/** What he sends makes about a third of the children block or report. */
const UNWELCOME = 0.35;

/**
 * Messages to children he does not know, a new child every day or two,
 * too few a week for the cold-contact rule. Children who receive them
 * block or report him, independently of one another.
 */
export class PushedAway implements Behaviour {
  readonly #firstDays: number[] = [];

  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly children: readonly Member[],
  ) {
    let day = START_DAY;
    for (const _ of children) {
      this.#firstDays.push(day);
      day += random.int(...DAYS_BETWEEN);
    }
  }

  static cast(casting: Casting): PushedAway | undefined {
    const found = groomerWithTargets(casting, CHILDREN);
    if (!found) return undefined;

    const { world, random } = casting;
    casting.groomer(found.groomer, 'pushed-away',
      world.calendar.dayStart(START_DAY),
      `messages to ${CHILDREN} children he does not know, a new child ` +
      'every day or two; several block or report him');
    return new PushedAway(world, casting.stream(found.groomer.id),
      found.groomer, found.targets);
  }

  plan(day: number): void {
    this.children.forEach((child, index) => {
      const first = this.#firstDays[index] ?? -1;
      if (day !== first && day !== first + 1) return;
      const at = this.world.calendar.between(this.random, day, 16, 21);
      const messages = this.random.int(...MESSAGES_EACH);
      for (let i = 0; i < messages; i += 1) {
        this.world.message(this.groomer.id, child.id, at + i * 240_000,
          UNWELCOME);
      }
    });
  }
}
