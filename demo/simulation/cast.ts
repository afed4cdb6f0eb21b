import { Creator } from './behaviours/creators';
import { COACH, Mentor, TEACHER } from './behaviours/mentors';
import { Networker } from './behaviours/networkers';
import { Parent } from './behaviours/parents';
import { Relative } from './behaviours/relatives';
import type { Behaviour, Casting } from './casting';
import { BefriendThenFlood } from './groomers/befriend-then-flood';
import { ColdRequests } from './groomers/cold-requests';
import { SlowRequests } from './groomers/slow-requests';
import { PushedAway } from './groomers/pushed-away';
import { RealCase } from './groomers/real-case';
import { ViewsSweep } from './groomers/views-sweep';
import type { GroomerPattern, LookAlikeKind } from './truth';

/** One benign look-alike of each kind per this many accounts. */
const ACCOUNTS_PER_LOOK_ALIKE = 750;

/** Raised when the population is too small to hold a part. */
export class CastingError extends Error {
  override name = 'CastingError';
}

/**
 * Casts the benign look-alikes first, since teachers and coaches add old
 * ties to the graph, then one groomer of each pattern among the strangers
 * that remain.
 */
export function castParts(
  casting: Casting,
  accounts: number,
  days: number,
): Behaviour[] {
  const each = Math.max(1, Math.round(accounts / ACCOUNTS_PER_LOOK_ALIKE));
  const lookAlikes: Record<LookAlikeKind, () => Behaviour | undefined> = {
    teacher: () => Mentor.cast(casting, TEACHER),
    coach: () => Mentor.cast(casting, COACH),
    relative: () => Relative.cast(casting),
    creator: () => Creator.cast(casting),
    networker: () => Networker.cast(casting),
    parent: () => Parent.cast(casting, days),
  };
  const groomers: Record<GroomerPattern, () => Behaviour | undefined> = {
    'cold-requests': () => ColdRequests.cast(casting, days),
    'slow-requests': () => SlowRequests.cast(casting),
    'views-sweep': () => ViewsSweep.cast(casting, days),
    'real-case': () => RealCase.cast(casting, days),
    'befriend-then-flood': () => BefriendThenFlood.cast(casting, days),
    'pushed-away': () => PushedAway.cast(casting),
  };

  const parts: Behaviour[] = [];
  for (const [kind, cast] of Object.entries(lookAlikes)) {
    for (let i = 0; i < each; i += 1) parts.push(required(kind, cast()));
  }
  for (const [pattern, cast] of Object.entries(groomers)) {
    parts.push(required(pattern, cast()));
  }
  return parts;
}

function required(part: string, behaviour: Behaviour | undefined) {
  if (!behaviour) {
    throw new CastingError(`the population is too small to cast a ${part}; ` +
      'simulate more accounts');
  }
  return behaviour;
}
