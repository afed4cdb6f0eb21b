import type { Behaviour, Casting } from '../casting';
import type { Random } from '../random';
import type { World } from '../world';

/** Fans across the country; a fifth of them adults. */
const FANS = { minors: 24, adults: 6 };
/** Share of fans who look at the creator's posts on a given day. */
const DAILY_VIEWERS = 0.12;
/** Fans the creator answers in a direct message on a given day. */
const DAILY_REPLIES: readonly [number, number] = [0, 1];

/**
 * A public creator whose posts many children view and follow. The views
 * and follows run from the minors to the adult, so none of them count
 * against the creator; the creator replies to a fan now and then.
 */
export class Creator implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    readonly creator: string,
    private readonly fans: readonly string[],
  ) {}

  static cast(casting: Casting): Creator | undefined {
    const { world, random } = casting;
    const creator = casting.adult();
    if (!creator) return undefined;

    casting.lookAlike(creator, 'creator');
    const fans = [
      ...random.sample(world.directory.pool('minor', undefined), FANS.minors),
      ...random.sample(world.directory.pool('adult', undefined), FANS.adults),
    ].map((fan) => fan.id).filter((id) => id !== creator.id);
    return new Creator(world, casting.stream(creator.id), creator.id, fans);
  }

  plan(day: number): void {
    for (const fan of this.fans) {
      if (day === 0 || this.random.chance(0.02)) {
        this.world.follow(fan, this.creator, this.#when(day));
      }
      if (this.random.chance(DAILY_VIEWERS)) {
        this.world.view(fan, this.creator, this.#when(day),
          this.random.int(1, 5));
      }
    }
    this.#reply(day);
  }

  /** Direct replies go only to fans who follow the creator. */
  #reply(day: number): void {
    const following = this.fans.filter((fan) =>
      this.world.follows(fan, this.creator));
    const [least, most] = DAILY_REPLIES;
    const replies = this.random.int(least, most);
    for (const fan of this.random.sample(following, replies)) {
      this.world.message(this.creator, fan, this.#when(day));
    }
  }

  #when(day: number): number {
    return this.world.calendar.waking(this.random, day);
  }
}
