import type { Behaviour, Casting } from '../casting';
import { chooseFriend } from '../friendships';
import type { Member } from '../population';
import { isAdult, isMinor } from '../population';
import type { Random } from '../random';
import type { World } from '../world';

/** A burst of networking: a new job, a move, a campaign. */
const ACTIVE_DAYS = { first: 4, last: 18 };
const DAILY_REQUESTS: readonly [number, number] = [4, 8];
/** Of their requests, the share to friends of friends; the rest are cold. */
const FRIENDS_OF_FRIENDS = 0.6;
/** Friends' teenagers they add along the way, on these active days. */
const MINOR_DAYS: readonly number[] = [6, 13];

/**
 * A prolific adult who sends many friend requests, most of them cold, to
 * other adults, and now and then to a friend's teenager. Minors are a small
 * share of what they send, which is what sets them apart from a groomer.
 */
export class Networker implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly networker: Member,
  ) {}

  static cast(casting: Casting): Networker | undefined {
    const networker = casting.adult();
    if (!networker) return undefined;

    casting.lookAlike(networker, 'networker');
    return new Networker(casting.world, casting.stream(networker.id),
      networker);
  }

  plan(day: number): void {
    if (day < ACTIVE_DAYS.first || day > ACTIVE_DAYS.last) return;

    const [least, most] = DAILY_REQUESTS;
    for (let i = this.random.int(least, most); i > 0; i -= 1) {
      const other = chooseFriend(this.random, this.world.directory,
        this.world.graph, this.networker, FRIENDS_OF_FRIENDS);
      if (!other || !isAdult(other) || other.id === this.networker.id) {
        continue;
      }
      this.world.request(this.networker.id, other.id, this.#when(day));
      this.#chat(other.id, day);
    }
    if (MINOR_DAYS.includes(day)) this.#askAFriendsTeenager(day);
  }

  #askAFriendsTeenager(day: number): void {
    const teenagers = [...this.world.graph.friendsOf(this.networker.id)]
      .flatMap((friend) => [...this.world.graph.friendsOf(friend)])
      .map((id) => this.world.directory.get(id))
      .filter((member) => isMinor(member) &&
        !this.world.graph.connected(member.id, this.networker.id));
    if (teenagers.length === 0) return;
    this.world.request(this.networker.id, this.random.pick(teenagers).id,
      this.#when(day));
  }

  /** A hello to some of the adults they ask. */
  #chat(other: string, day: number): void {
    if (!this.random.chance(0.3)) return;
    this.world.message(this.networker.id, other,
      this.world.calendar.between(this.random, day, 9, 18));
  }

  #when(day: number): number {
    return this.world.calendar.waking(this.random, day);
  }
}
