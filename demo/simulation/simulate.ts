import type { SocialEvent } from '../../shared/events/schema';
import { OrdinaryLife } from './behaviours/ordinary';
import { Agenda } from './agenda';
import { castParts } from './cast';
import { Casting } from './casting';
import { Calendar } from './clock';
import { Directory } from './directory';
import { formFamilies } from './families';
import { buildFriendGraph } from './friendships';
import { buildPopulation, type Member } from './population';
import { Random } from './random';
import type { Truth } from './truth';
import { World, type RequestRecord } from './world';

export interface SimulationOptions {
  seed: number;
  accounts: number;
  days: number;
  /** Midnight UTC of the first simulated day. */
  startMs: number;
}

/** A simulated platform's weeks of activity, and the truth behind it. */
export interface Simulation {
  options: SimulationOptions;
  members: readonly Member[];
  /** Every event the platform sends Vigil, oldest first. */
  events: readonly SocialEvent[];
  /** Every friend request and its answer, to check the simulation. */
  requests: readonly RequestRecord[];
  /** Friends each account had when the simulation started. */
  friendCounts: readonly number[];
  truth: Truth;
}

/** Simulates a platform; the same options always give the same events. */
export function simulatePlatform(options: SimulationOptions): Simulation {
  const random = new Random(options.seed);
  const members = buildPopulation(random.fork('population'),
    options.accounts);
  const directory = new Directory(members);
  const families = formFamilies(random.fork('families'), directory);
  const graph = buildFriendGraph(random.fork('friends'), directory, families,
    options.startMs);
  const calendar = new Calendar(options.startMs, options.days);
  const agenda = new Agenda();
  const world = new World(directory, graph, families, calendar, agenda,
    random.fork('world'));

  const casting = new Casting(world, random.fork('casting'));
  const parts = castParts(casting, options.accounts, options.days);
  const truth = casting.truth();
  const friendCounts = members.map((member) => graph.degree(member.id));
  const ordinary = new OrdinaryLife(world, random.fork('ordinary'),
    members.filter((member) => !truth.roles.has(member.id)),
    famousAccounts(truth));

  for (let day = 0; day < options.days; day += 1) {
    for (const part of [...parts, ordinary]) part.plan(day);
    agenda.runUntil(calendar.dayStart(day + 1));
  }
  return { options, members, events: world.events, requests: world.requests,
    friendCounts, truth };
}

/** Creators are whom ordinary people follow. */
function famousAccounts(truth: Truth): string[] {
  return [...truth.roles].filter(([, role]) =>
    role.kind === 'look-alike' && role.as === 'creator').map(([id]) => id);
}
