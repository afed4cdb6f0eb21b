import type { Flag } from '../../shared/flags/flag';
import { roleOf, type PlantedGroomer, type Role, type Truth } from
  '../simulation/truth';

/** How Vigil did on one planted groomer. */
export interface GroomerResult {
  groomer: PlantedGroomer;
  /** Every flag raised on the account, oldest first. */
  flags: Flag[];
  /** The first flag of the rule the groomer's pattern belongs to. */
  caughtBy: Flag | undefined;
}

/** A benign account Vigil flagged. */
export interface FalsePositive {
  accountId: string;
  role: Role;
  flags: Flag[];
}

export interface Outcome {
  groomers: GroomerResult[];
  falsePositives: FalsePositive[];
  /** Planted groomers with at least one flag of any rule. */
  groomersFlagged: number;
  /** Accounts with at least one flag. */
  accountsFlagged: number;
}

/** Compares the flags Vigil raised with the simulation's answer key. */
export function judge(truth: Truth, flags: readonly Flag[]): Outcome {
  const byAccount = new Map<string, Flag[]>();
  for (const flag of [...flags].sort(byRaisedAt)) {
    const list = byAccount.get(flag.accountId) ?? [];
    list.push(flag);
    byAccount.set(flag.accountId, list);
  }

  const groomers = truth.groomers.map((groomer) => {
    const own = byAccount.get(groomer.accountId) ?? [];
    return { groomer, flags: own,
      caughtBy: own.find((flag) => flag.ruleId === groomer.rule) };
  });
  const falsePositives = [...byAccount]
    .map(([accountId, own]) => ({ accountId,
      role: roleOf(truth, accountId), flags: own }))
    .filter((entry) => entry.role.kind !== 'groomer');
  return {
    groomers,
    falsePositives,
    groomersFlagged: groomers.filter((g) => g.flags.length > 0).length,
    accountsFlagged: byAccount.size,
  };
}

/** Every groomer caught by its own rule, and no one else flagged. */
export function isPerfect(outcome: Outcome): boolean {
  return outcome.groomers.every((g) => g.caughtBy !== undefined) &&
    outcome.falsePositives.length === 0;
}

function byRaisedAt(a: Flag, b: Flag): number {
  return a.raisedAt.localeCompare(b.raisedAt) ||
    a.flagId.localeCompare(b.flagId);
}
