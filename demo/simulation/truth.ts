import type { RuleId } from '../../shared/rules/config';

/** Benign adults whose behaviour looks like a rule's pattern at a glance. */
export const LOOK_ALIKE_KINDS = [
  'teacher', 'coach', 'relative', 'creator', 'networker', 'parent',
] as const;
export type LookAlikeKind = (typeof LOOK_ALIKE_KINDS)[number];

/** The groomers planted in the simulation, each with the rule that should
 *  catch it. */
export const GROOMER_PATTERNS = {
  'cold-requests': 'unconnected-minor-contact',
  'slow-requests': 'rejected-by-minors',
  'views-sweep': 'minor-content-views-spike',
  'real-case': 'unsolicited-messages-to-minor',
  'befriend-then-flood': 'unsolicited-messages-to-minor',
  'pushed-away': 'blocked-or-reported-by-minors',
} as const satisfies Record<string, RuleId>;
export type GroomerPattern = keyof typeof GROOMER_PATTERNS;

/** What an account really is, which Vigil never sees. */
export type Role =
  | { kind: 'ordinary' }
  | { kind: 'look-alike'; as: LookAlikeKind }
  | { kind: 'groomer'; pattern: GroomerPattern };

export interface PlantedGroomer {
  accountId: string;
  pattern: GroomerPattern;
  /** The rule whose pattern this groomer follows. */
  rule: RuleId;
  /** One line on what the groomer does, for the report. */
  story: string;
  /** When the grooming behaviour starts. */
  startsAtMs: number;
}

/** The simulation's answer key, to judge Vigil's flags against. */
export interface Truth {
  roles: ReadonlyMap<string, Role>;
  groomers: readonly PlantedGroomer[];
}

export const ORDINARY: Role = { kind: 'ordinary' };

/** The role of any account; accounts never cast are ordinary. */
export function roleOf(truth: Truth, accountId: string): Role {
  return truth.roles.get(accountId) ?? ORDINARY;
}
