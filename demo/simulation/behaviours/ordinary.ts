import type { Behaviour } from '../casting';
import { chooseFriend } from '../friendships';
import type { Member } from '../population';
import { isMinor } from '../population';
import type { Random } from '../random';
import type { World } from '../world';

/**
 * How often an ordinary account does each thing, per day. The platform's
 * daily chatter between friends is thinned so that weeks of it fit in a
 * two-minute demo; what Vigil counts (adults reaching minors) keeps its
 * real proportions.
 */
export const ORDINARY_RATES = {
  befriend: 0.01,
  chat: 0.003,
  browse: 0.007,
  follow: 0.003,
  unfriend: 0.001,
  block: 0.0008,
} as const;

/** Requests from ordinary users go to friends of friends this often. */
const REQUESTS_TO_FRIENDS_OF_FRIENDS = 0.55;

/**
 * Everyone not playing a special part: they befriend friends of friends and
 * neighbours, chat and view posts mostly among friends, follow public
 * accounts, prune friends and, rarely, block someone.
 */
export class OrdinaryLife implements Behaviour {
  readonly #minors: readonly Member[];

  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly people: readonly Member[],
    private readonly famous: readonly string[],
  ) {
    this.#minors = people.filter(isMinor);
  }

  plan(day: number): void {
    const { befriend, chat, browse, follow, unfriend, block } = ORDINARY_RATES;
    this.#repeat(befriend, (member) => this.#befriend(member, day));
    this.#repeat(chat, (member) => this.#chat(member, day));
    this.#repeat(browse, (member) => this.#browse(member, day));
    this.#repeat(follow, (member) => this.#follow(member, day));
    this.#repeat(unfriend, (member) => this.#unfriend(member, day));
    this.#repeat(block, (member) => this.#block(member, day));
  }

  /** Runs `act` for as many random people as the daily rate implies. */
  #repeat(rate: number, act: (member: Member) => void): void {
    const times = this.random.poisson(rate * this.people.length);
    for (let i = 0; i < times; i += 1) act(this.random.pick(this.people));
  }

  #befriend(member: Member, day: number): void {
    const { directory, graph } = this.world;
    const other = chooseFriend(this.random, directory, graph, member,
      REQUESTS_TO_FRIENDS_OF_FRIENDS);
    if (!other || other.id === member.id) return;
    this.world.request(member.id, other.id, this.#when(day));
  }

  /** A short conversation, nearly always with a friend. */
  #chat(member: Member, day: number): void {
    const partner = this.random.chance(0.95) ? this.#friendOf(member)
      : chooseFriend(this.random, this.world.directory, this.world.graph,
        member, 0)?.id;
    if (!partner || partner === member.id) return;

    let at = this.#when(day);
    const turns = this.random.int(1, 6);
    for (let turn = 0; turn < turns; turn += 1) {
      const [from, to] = turn % 2 === 0 ? [member.id, partner]
        : [partner, member.id];
      this.world.message(from, to, at);
      at += this.random.int(1, 20) * 60_000;
    }
  }

  #browse(member: Member, day: number): void {
    const owner = this.#friendOf(member);
    if (!owner) return;
    this.world.view(member.id, owner, this.#when(day),
      this.random.int(1, 4));
  }

  #follow(member: Member, day: number): void {
    const followed = this.famous.length > 0 && this.random.chance(0.5)
      ? this.random.pick(this.famous)
      : this.random.pick(this.world.directory.pool('adult', undefined)).id;
    if (followed === member.id) return;
    this.world.follow(member.id, followed, this.#when(day));
  }

  #unfriend(member: Member, day: number): void {
    const friend = this.#friendOf(member);
    if (friend) this.world.unfriend(member.id, friend, this.#when(day));
  }

  /** Falling out: children mostly block other children, adults adults. */
  #block(member: Member, day: number): void {
    const other = isMinor(member) && this.#minors.length > 0
      ? this.random.pick(this.#minors).id : this.#friendOf(member);
    if (!other || other === member.id) return;
    this.world.block(member.id, other, this.#when(day),
      this.random.chance(0.1));
  }

  #friendOf(member: Member): string | undefined {
    const friends = [...this.world.graph.friendsOf(member.id)];
    return friends.length > 0 ? this.random.pick(friends) : undefined;
  }

  #when(day: number): number {
    return this.world.calendar.waking(this.random, day);
  }
}
