import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

/** After documented cases: thirteen days of heavy messaging follow. */
const HEAVY_DAYS = 13;
const DAILY_MESSAGES: readonly [number, number] = [8, 20];
/** The child, drawn in, answers some of them. */
const REPLY_CHANCE = 0.4;

/**
 * Modelled on a real case: one unsolicited message to a 13 to 15 year old
 * he has never been connected to, then thirteen days of heavy messaging.
 * The child does not push back, which is what makes this pattern hard to
 * see from blocks and reports alone.
 */
export class RealCase implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly child: Member,
    private readonly startDay: number,
  ) {}

  static cast(casting: Casting, days: number): RealCase | undefined {
    const found = groomerWithTargets(casting, 40);
    const child = found?.targets.find((minor) => minor.ageBand === '13_15');
    if (!found || !child) return undefined;

    const startDay = Math.floor(days * 0.45);
    const { world, random } = casting;
    casting.groomer(found.groomer, 'real-case',
      world.calendar.dayStart(startDay),
      'one unsolicited message to a 13-15 year old, then 13 days of heavy ' +
      'messaging (after a real case)');
    return new RealCase(world, casting.stream(found.groomer.id),
      found.groomer, child, startDay);
  }

  plan(day: number): void {
    const offset = day - this.startDay;
    if (offset === 0) this.#send(this.world.calendar.between(this.random,
      day, 19, 21));
    if (offset < 1 || offset > HEAVY_DAYS) return;

    let at = this.world.calendar.between(this.random, day, 15, 18);
    for (let i = this.random.int(...DAILY_MESSAGES); i > 0; i -= 1) {
      this.#send(at);
      if (this.random.chance(REPLY_CHANCE)) {
        this.world.message(this.child.id, this.groomer.id, at + 120_000);
      }
      at += this.random.int(5, 25) * 60_000;
    }
  }

  #send(at: number): void {
    this.world.message(this.groomer.id, this.child.id, at, 0);
  }
}
