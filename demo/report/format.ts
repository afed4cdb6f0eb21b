import type { Flag } from '../../shared/flags/flag';
import { LOOK_ALIKE_KINDS, type Role, type Truth } from
  '../simulation/truth';
import type { FalsePositive, GroomerResult, Outcome } from './outcome';

/** What the run was, for the report's heading and closing lines. */
export interface RunFacts {
  seed: number;
  accounts: number;
  minors: number;
  days: number;
  startMs: number;
  eventsSent: number;
  deliveries: number;
  elapsedMs: number;
  /** Flags read back through the moderator API at the end. */
  flagsListed: number;
  /** Flags the outbox announced while the demo ran. */
  flagsAnnounced: number;
}

/** The printed comparison of Vigil's flags with the planted truth. */
export function formatReport(
  outcome: Outcome,
  truth: Truth,
  facts: RunFacts,
): string {
  return [
    ...heading(facts),
    '',
    ...groomerSection(outcome.groomers),
    '',
    ...benignSection(outcome.falsePositives, truth),
    '',
    ...summary(outcome, facts),
  ].join('\n');
}

function heading(facts: RunFacts): string[] {
  const seconds = facts.elapsedMs / 1000;
  return [
    `Simulated ${count(facts.accounts)} accounts (${count(facts.minors)} ` +
    `minors) for ${facts.days} days from ${day(facts.startMs)}, seed ` +
    `${facts.seed}.`,
    `Sent ${count(facts.eventsSent)} events in ${count(facts.deliveries)} ` +
    `signed deliveries in ${seconds.toFixed(0)} s ` +
    `(${(facts.eventsSent / Math.max(seconds, 0.001)).toFixed(0)} events/s).`,
  ];
}

function groomerSection(results: readonly GroomerResult[]): string[] {
  const caught = results.filter((r) => r.caughtBy).length;
  return [
    `Planted groomers: ${caught} of ${results.length} caught by the rule ` +
    'for their pattern',
    ...results.flatMap(groomerLines),
  ];
}

function groomerLines(result: GroomerResult): string[] {
  const { groomer, caughtBy, flags } = result;
  const timed = (flag: Flag) => `${moment(flag)} ` +
    `(+${span(Date.parse(flag.raisedAt) - groomer.startsAtMs)}) ` +
    ruleOf(flag);
  return [
    `  ${groomer.accountId}  ${groomer.pattern}, began ` +
    `${day(groomer.startsAtMs)}`,
    ...wrap(groomer.story, 74).map((line) => `    ${line}`),
    caughtBy ? `    CAUGHT ${timed(caughtBy)}`
      : `    MISSED no ${groomer.rule} flag`,
    ...flags.filter((flag) => flag !== caughtBy)
      .map((flag) => `    also   ${timed(flag)}`),
  ];
}

function benignSection(
  falsePositives: readonly FalsePositive[],
  truth: Truth,
): string[] {
  const lookAlikes = LOOK_ALIKE_KINDS.map((kind) => {
    const all = [...truth.roles.values()].filter((role) =>
      role.kind === 'look-alike' && role.as === kind).length;
    const flagged = falsePositives.filter((fp) =>
      fp.role.kind === 'look-alike' && fp.role.as === kind).length;
    return `${kind} ${flagged}/${all}`;
  });
  return [
    `Benign accounts flagged: ${falsePositives.length === 0 ? 'none'
      : `${falsePositives.length} (false positives)`}`,
    ...falsePositives.flatMap((fp) => fp.flags.map((flag) =>
      `  ${fp.accountId}  ${roleName(fp.role)}  ${moment(flag)} ` +
      ruleOf(flag))),
    ...wrap(`look-alikes flagged: ${lookAlikes.join(', ')}`, 76)
      .map((line) => `  ${line}`),
  ];
}

function summary(outcome: Outcome, facts: RunFacts): string[] {
  const planted = outcome.groomers.length;
  const flagged = outcome.accountsFlagged;
  return wrap(
    `Recall ${outcome.groomersFlagged}/${planted} planted groomers flagged ` +
    `(${percent(outcome.groomersFlagged, planted)}); precision ` +
    `${outcome.groomersFlagged}/${flagged} flagged accounts were groomers ` +
    `(${percent(outcome.groomersFlagged, flagged)}). Read back ` +
    `${facts.flagsListed} flags through the moderator API; the outbox ` +
    `announced ${facts.flagsAnnounced} as they were raised.`, 78);
}

/** Breaks text at spaces into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

function roleName(role: Role): string {
  return role.kind === 'look-alike' ? role.as : role.kind;
}

function ruleOf(flag: Flag): string {
  return `${flag.ruleId} (${flag.severity})`;
}

/** A flag's simulated raising time, to the minute. */
function moment(flag: Flag): string {
  return `${flag.raisedAt.slice(0, 10)} ${flag.raisedAt.slice(11, 16)}`;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "2 d 5 h" or "5 h": how long after the pattern began. */
function span(ms: number): string {
  const hours = Math.max(0, Math.round(ms / 3_600_000));
  const days = Math.floor(hours / 24);
  return days > 0 ? `${days} d ${hours % 24} h` : `${hours} h`;
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${Math.round((100 * part) / whole)}%`;
}
