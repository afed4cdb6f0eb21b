import type { Behaviour, Casting } from '../casting';
import { longBefore } from '../friendships';
import { isMinor, type Member } from '../population';
import type { Random } from '../random';
import type { World } from '../world';

/** What sets a teacher apart from a coach in the simulation. */
interface MentorPart {
  kind: 'teacher' | 'coach';
  /** Pupils or players they were friends with before the simulation. */
  former: number;
  /** Pupils or players they add at the start of term or season. */
  newcomers: readonly [number, number];
  /** Players from a neighbouring club: other region, shared teammates. */
  fromElsewhere: number;
  /** Messages they send on a weekday to the minors they know. */
  dailyMessages: readonly [number, number];
}

export const TEACHER: MentorPart = { kind: 'teacher', former: 8,
  newcomers: [20, 26], fromElsewhere: 0, dailyMessages: [0, 2] };
export const COACH: MentorPart = { kind: 'coach', former: 6,
  newcomers: [12, 16], fromElsewhere: 3, dailyMessages: [1, 4] };

/** A small population may not hold a full class; this few still counts. */
const LEAST_NEWCOMERS = 5;

/** The days over which a new term or season's requests go out. */
const TERM_STARTS = { firstDay: 1, lastDay: 10 };

/**
 * A teacher or coach: many friend requests to local minors at the start of
 * term, accepted by children who know them, then steady messages. The
 * shared region and the friends they share keep this from looking cold.
 */
export class Mentor implements Behaviour {
  constructor(
    private readonly world: World,
    private readonly random: Random,
    private readonly part: MentorPart,
    private readonly mentor: Member,
    private readonly newcomers: readonly string[],
  ) {}

  /**
   * Casts one mentor where there are children to teach: all the local
   * minors they can find, up to a full class or team.
   */
  static cast(casting: Casting, part: MentorPart): Mentor | undefined {
    const { world, random } = casting;
    const needed = part.former + LEAST_NEWCOMERS;
    const mentor = casting.adult((adult) =>
      world.directory.pool('minor', adult.region).length >= needed);
    if (!mentor) return undefined;

    casting.lookAlike(mentor, part.kind);
    const local = random.shuffle(world.directory.pool('minor', mentor.region));
    const former = local.slice(0, part.former);
    for (const minor of former) {
      world.graph.connect(mentor.id, minor.id,
        longBefore(random, world.calendar.startMs));
    }
    const newcomers = chooseNewcomers(casting, part, mentor, former,
      local.slice(part.former));
    return new Mentor(world, casting.stream(mentor.id), part, mentor,
      newcomers);
  }

  plan(day: number): void {
    const { firstDay, lastDay } = TERM_STARTS;
    if (day >= firstDay && day <= lastDay) this.#requestNewcomers(day);
    if (isWeekday(this.world.calendar.dayStart(day))) this.#message(day);
  }

  #requestNewcomers(day: number): void {
    const { firstDay, lastDay } = TERM_STARTS;
    const span = lastDay - firstDay + 1;
    this.newcomers.forEach((minor, index) => {
      if (index % span !== day - firstDay) return;
      const at = this.world.calendar.between(this.random, day, 16, 21);
      this.world.request(this.mentor.id, minor, at, { knownInPerson: true });
    });
  }

  /** Reminders to pupils or players; some write back. */
  #message(day: number): void {
    const known = [...this.world.graph.friendsOf(this.mentor.id)]
      .filter((id) => isMinor(this.world.directory.get(id)));
    const [least, most] = this.part.dailyMessages;
    for (const minor of this.random.sample(known,
      this.random.int(least, most))) {
      const at = this.world.calendar.between(this.random, day, 15, 20);
      this.world.message(this.mentor.id, minor, at);
      if (this.random.chance(0.3)) {
        this.world.message(minor, this.mentor.id, at + 600_000);
      }
    }
  }
}

/**
 * Local children, plus a few from elsewhere who are friends with one of
 * the mentor's former pupils (teammates), as mutual connections show.
 */
function chooseNewcomers(
  casting: Casting,
  part: MentorPart,
  mentor: Member,
  former: readonly Member[],
  local: readonly Member[],
): string[] {
  const { world, random } = casting;
  const count = random.int(part.newcomers[0], part.newcomers[1]);
  const chosen = local.slice(0, count - part.fromElsewhere).map((m) => m.id);
  const elsewhere = world.directory.pool('minor', undefined)
    .filter((minor) => minor.region !== mentor.region);
  for (const player of random.sample(elsewhere, part.fromElsewhere)) {
    const teammate = former[0];
    if (teammate) {
      world.graph.connect(teammate.id, player.id,
        longBefore(random, world.calendar.startMs));
    }
    chosen.push(player.id);
  }
  return chosen;
}

function isWeekday(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}
