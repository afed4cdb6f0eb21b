import type { Flag } from '../shared/flags/flag';
import { LocalConfigError, type LocalConfig } from './config';
import { DEFAULT_PORT, DEV_PLATFORM_ID, DEV_WEBHOOK_SECRET } from './defaults';
import { DynamoDbLocalUnavailableError } from './dynamodb-local';
import { PortInUseError } from './serve';

const EXAMPLE = 'examples/blocked-by-two-minors.json';

/** What `npm start` prints once Vigil is listening on `url`. */
export function banner(url: string, config: LocalConfig): string {
  const lines = [
    '',
    `Vigil is listening on ${url}`,
    `  data:      ${config.dbPath ? `on disk in ${config.dbPath}`
      : 'in memory (lost on exit)'}`,
    `  platforms: ${Object.keys(config.platforms).join(', ')}`,
  ];
  if (config.developmentPlatform) {
    lines.push(`  development webhook secret of "${DEV_PLATFORM_ID}": ` +
      DEV_WEBHOOK_SECRET);
  }
  lines.push(
    config.developmentToken
      ? `  development moderator token: ${config.moderatorToken}`
      : '  moderator token: from VIGIL_MODERATOR_TOKEN',
    '',
    `  send events:  POST ${url}/v1/platforms/{platformId}/events`,
    `  read flags:   GET  ${url}/v1/platforms/{platformId}/flags[/{flagId}]`,
    `  decide:       POST ${url}/v1/platforms/{platformId}/flags/{flagId}` +
      '/decisions',
    '                (name yourself with a "Vigil-Moderator: <handle>" header)',
    `  evidence:     GET  ${url}/v1/platforms/{platformId}/flags/{flagId}` +
      '/evidence',
    `  try it:       ${sendCommand(url, config.platforms)}`,
    ...customSecretHint(config.platforms),
    '',
    `Flags are printed here and appended to ${config.inboxFile}`,
    `as they are published (tail -f ${config.inboxFile}). Ctrl+C stops.`,
    '',
  );
  return lines.join('\n');
}

/** Where the command's $SECRET comes from, when it is not the default. */
function customSecretHint(
  platforms: Readonly<Record<string, readonly string[]>>,
): string[] {
  const [platformId, secrets] = Object.entries(platforms)[0] ?? [];
  return platformId && secrets?.[0] !== DEV_WEBHOOK_SECRET
    ? [`                (with SECRET set to ${platformId}'s first secret ` +
      'in VIGIL_PLATFORMS)']
    : [];
}

/**
 * An `npm run send` that reaches this Vigil from any shell: it passes
 * whatever differs from send's defaults, here and for the first platform.
 * A secret the developer chose is not echoed to the terminal, where logs
 * and screen shares keep it: the command reads it from $SECRET.
 */
export function sendCommand(
  url: string,
  platforms: Readonly<Record<string, readonly string[]>>,
): string {
  const [platformId, secrets] = Object.entries(platforms)[0] ??
    [DEV_PLATFORM_ID, [DEV_WEBHOOK_SECRET]];
  const secret = secrets[0] ?? DEV_WEBHOOK_SECRET;
  const options = [
    new URL(url).port === String(DEFAULT_PORT) ? [] : ['--url', url],
    platformId === DEV_PLATFORM_ID ? [] : ['--platform', platformId],
    secret === DEV_WEBHOOK_SECRET ? [] : ['--secret', '"$SECRET"'],
  ].flat();
  return ['npm run send --', ...options, '--restamp', EXAMPLE].join(' ');
}

/** The lines `npm start` prints for a flag as the outbox announces it. */
export function flagLines(flag: Flag, at: Date): string {
  const counts = flag.measurements
    .map((m) => `${m.name}=${m.value} (needs ${m.threshold})`).join(', ');
  return `[${at.toISOString()}] FLAG ${flag.severity} ` +
    `${flag.ruleId} account=${flag.accountId} flag=${flag.flagId}\n` +
    `    ${counts}`;
}

/**
 * Why `npm start` stopped, in words a person can act on, for the failures
 * that are theirs to fix; undefined for a fault of Vigil's own, whose stack
 * is then worth printing.
 */
export function startFailure(error: unknown): string | undefined {
  if (error instanceof PortInUseError) {
    return `Vigil could not start: ${error.message}; stop what runs there ` +
      'or set PORT to another port';
  }
  if (error instanceof LocalConfigError) {
    return ['Vigil could not start. Fix these settings:',
      ...error.problems.map((problem) => `  ${problem}`)].join('\n');
  }
  if (error instanceof DynamoDbLocalUnavailableError) {
    return `Vigil could not start: ${error.message}`;
  }
  return undefined;
}
