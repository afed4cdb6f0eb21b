import type { Behaviour, Casting } from '../casting';
import type { Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';
import { groomerWithTargets } from './targets';

/** He asks one more child a day until one accepts. */
const MOST_ASKED = 25;
const FLOOD_DAYS = 12;
const DAILY_MESSAGES: readonly [number, number] = [6, 14];

/**
 * Asks children far away, one a day, to be friends until one accepts,
 * then messages that child heavily. The new tie shares no friends, so it
 * is no more a real connection than none at all.
 */
export class BefriendThenFlood implements Behaviour {
  #child: string | undefined;
  #floodFrom = 0;

  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly groomer: Member,
    private readonly candidates: readonly Member[],
    private readonly startDay: number,
  ) {}

  static cast(casting: Casting, days: number): BefriendThenFlood | undefined {
    const found = groomerWithTargets(casting, MOST_ASKED, true);
    if (!found) return undefined;

    const startDay = Math.floor(days * 0.25);
    const { world, random } = casting;
    casting.groomer(found.groomer, 'befriend-then-flood',
      world.calendar.dayStart(startDay),
      'asks children far away to be friends until one accepts, then ' +
      'messages that child heavily');
    return new BefriendThenFlood(world, casting.stream(found.groomer.id),
      found.groomer,
      found.targets, startDay);
  }

  plan(day: number): void {
    if (day < this.startDay) return;

    if (this.#child && this.world.blocked(this.#child, this.groomer.id)) {
      this.#child = undefined;
    }
    this.#child ??= this.#acceptedBy(day);
    if (this.#child === undefined) this.#ask(day);
    else if (day - this.#floodFrom < FLOOD_DAYS) this.#flood(day, this.#child);
  }

  #acceptedBy(day: number): string | undefined {
    const child = this.candidates.find((candidate) =>
      this.world.graph.connected(this.groomer.id, candidate.id));
    this.#floodFrom = day;
    return child?.id;
  }

  /** The next child he has no friends in common with: an isolated one. */
  #ask(day: number): void {
    const { graph } = this.world;
    const candidate = this.candidates.find((minor) =>
      !this.world.asked(this.groomer.id, minor.id) &&
      graph.mutualCount(this.groomer.id, minor.id) === 0);
    if (!candidate) return;
    this.world.request(this.groomer.id, candidate.id,
      this.world.calendar.between(this.random, day, 16, 20));
  }

  #flood(day: number, child: string): void {
    let at = this.world.calendar.between(this.random, day, 15, 18);
    for (let i = this.random.int(...DAILY_MESSAGES); i > 0; i -= 1) {
      this.world.message(this.groomer.id, child, at, 0);
      at += this.random.int(5, 25) * 60_000;
    }
  }
}
