import type { Behaviour, Casting } from '../casting';
import { isMinor } from '../population';
import type { Random } from '../random';
import type { World } from '../world';

/** Posts of their own children a parent views on an ordinary day. */
const OWN_CHILDREN_VIEWS: readonly [number, number] = [4, 8];
/** Friends of their children whose posts they look at on a day, and how
 *  many posts of each. */
const CHILDRENS_FRIENDS: readonly [number, number] = [3, 5];
const POSTS_EACH: readonly [number, number] = [3, 5];
/**
 * On the day of a school event, views are this many times the usual, and
 * at least the 50 that the views rule starts at, so it is a real test.
 */
const EVENT_DAY_FACTOR = 3;
const EVENT_DAY_LEAST_VIEWS = 50;
/** The children's classmates whose event photos the parent looks through. */
const EVENT_DAY_MINORS = 14;
/** Days of habit before the event day: the views baseline needs four weeks. */
const HABIT_BEFORE_EVENT = 31;

/**
 * A parent who looks at their children's posts and their children's
 * friends' posts every day, and on a school event day looks through the
 * photos of a dozen classmates. A steady habit, not a sudden sweep.
 */
export class Parent implements Behaviour {
  readonly #daily: number[] = [];

  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly parent: string,
    private readonly children: readonly string[],
    /** Null when the simulation is too short for a habit to form first. */
    private readonly eventDay: number | null,
  ) {}

  /** Casts a parent whose children have enough friends on the platform. */
  static cast(casting: Casting, days: number): Parent | undefined {
    const { world, random } = casting;
    const families = random.shuffle([...world.families.childrenOf]);
    const fitting = families.find(([parent, children]) =>
      !casting.isCast(parent) &&
      world.directory.get(parent).region !== undefined &&
      children.every((child) => world.graph.connected(parent, child)) &&
      minorFriendsOf(world, children, parent).length >= EVENT_DAY_MINORS);
    if (!fitting) return undefined;

    const [parent, children] = fitting;
    casting.lookAlike(world.directory.get(parent), 'parent');
    const eventDay = days > HABIT_BEFORE_EVENT ? HABIT_BEFORE_EVENT : null;
    return new Parent(world, casting.stream(parent), parent, children,
      eventDay);
  }

  plan(day: number): void {
    const views = day === this.eventDay ? this.#eventDay(day)
      : this.#ordinaryDay(day);
    this.#daily.push(views);
  }

  /**
   * Views of their own children, then of their children's friends. Only
   * the friends' count toward the habit: the parent and their children
   * are friends, and views of a friend's posts are no sign of anything.
   */
  #ordinaryDay(day: number): number {
    const [least, most] = OWN_CHILDREN_VIEWS;
    this.#view(this.random.pick(this.children), day,
      this.random.int(least, most));
    const friends = minorFriendsOf(this.world, this.children, this.parent);
    const [fewest, mostFriends] = CHILDRENS_FRIENDS;
    let total = 0;
    for (const friend of this.random.sample(friends,
      this.random.int(fewest, mostFriends))) {
      total += this.#view(friend, day,
        this.random.int(POSTS_EACH[0], POSTS_EACH[1]));
    }
    return total;
  }

  /** Three times the usual day, spread over the classmates' photos. */
  #eventDay(day: number): number {
    const usual = this.#daily.reduce((sum, n) => sum + n, 0) /
      Math.max(1, this.#daily.length);
    const classmates = this.random.sample(
      minorFriendsOf(this.world, this.children, this.parent),
      EVENT_DAY_MINORS);
    const views = Math.max(EVENT_DAY_LEAST_VIEWS, EVENT_DAY_FACTOR * usual);
    const each = Math.ceil(views / classmates.length);
    return classmates.reduce((total, minor) =>
      total + this.#view(minor, day, each), 0);
  }

  #view(owner: string, day: number, count: number): number {
    const at = this.world.calendar.between(this.random, day, 18, 22);
    this.world.view(this.parent, owner, at, count);
    return count;
  }
}

/** Minors who are friends of any of the children, the parent excluded. */
function minorFriendsOf(
  world: World,
  children: readonly string[],
  parent: string,
): string[] {
  const friends = new Set<string>();
  for (const child of children) {
    for (const friend of world.graph.friendsOf(child)) {
      const minor = isMinor(world.directory.get(friend));
      if (minor && friend !== parent && !children.includes(friend)) {
        friends.add(friend);
      }
    }
  }
  return [...friends].sort();
}
