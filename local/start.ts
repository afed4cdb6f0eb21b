process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { platformSecretsSchema } from '../shared/platforms/directory';
import { RuleBook } from '../shared/rules/rule-book';
import type { Flag } from '../shared/flags/flag';
import { startLocalVigil } from './app';
import {
  DEFAULT_PORT,
  DEV_MODERATOR_TOKEN,
  DEV_PLATFORM_ID,
  DEV_WEBHOOK_SECRET,
} from './defaults';
import { DynamoDbLocalUnavailableError } from './dynamodb-local';

/** The moderator inbox, in the directory git ignores. */
const DEFAULT_INBOX_FILE = '.vigil/moderator-inbox.jsonl';

const USAGE = `Usage: npm start [-- --db-path DIR]

Runs Vigil locally on DynamoDB Local. Environment:
  PORT                   port to listen on (default ${DEFAULT_PORT})
  VIGIL_PLATFORMS        JSON {"platformId": ["whsec_..."]} (default: "demo")
  VIGIL_MODERATOR_TOKEN  bearer token for the moderator API
  VIGIL_DB_PATH          keep data on disk in this directory (default: memory)
  VIGIL_RULES_FILE       rules document with per-platform overrides
  VIGIL_INBOX_FILE       where flags are appended, one JSON line each
                         (default ${DEFAULT_INBOX_FILE})
  VIGIL_LOG_LEVEL        DEBUG, INFO, WARN (default) or ERROR`;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORT),
  VIGIL_PLATFORMS: z.string().optional(),
  VIGIL_MODERATOR_TOKEN: z.string().min(16, {
    error: 'VIGIL_MODERATOR_TOKEN must be at least 16 characters',
  }).optional(),
  VIGIL_DB_PATH: z.string().optional(),
  VIGIL_RULES_FILE: z.string().optional(),
  VIGIL_INBOX_FILE: z.string().min(1).default(DEFAULT_INBOX_FILE),
  VIGIL_LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('WARN'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    'db-path': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const env = envSchema.parse(process.env);
  const platforms = env.VIGIL_PLATFORMS
    ? platformSecretsSchema.parse(JSON.parse(env.VIGIL_PLATFORMS))
    : { [DEV_PLATFORM_ID]: [DEV_WEBHOOK_SECRET] };
  const moderatorToken = env.VIGIL_MODERATOR_TOKEN ?? DEV_MODERATOR_TOKEN;
  const dbPath = values['db-path'] ?? env.VIGIL_DB_PATH;

  console.log('Starting DynamoDB Local...');
  const vigil = await startLocalVigil({
    platforms,
    moderatorToken,
    port: env.PORT,
    dbPath,
    rules: env.VIGIL_RULES_FILE
      ? RuleBook.parse(readFileSync(env.VIGIL_RULES_FILE, 'utf8'))
      : RuleBook.defaults(),
    logLevel: env.VIGIL_LOG_LEVEL,
    inboxFile: env.VIGIL_INBOX_FILE,
    onFlag: printFlag,
  });

  printBanner(vigil.url, platforms, moderatorToken, dbPath,
    !env.VIGIL_PLATFORMS, !env.VIGIL_MODERATOR_TOKEN, env.VIGIL_INBOX_FILE);
  const stop = () => {
    console.log('\nStopping Vigil...');
    void vigil.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function printBanner(
  url: string,
  platforms: Record<string, readonly string[]>,
  token: string,
  dbPath: string | undefined,
  defaultPlatforms: boolean,
  defaultToken: boolean,
  inboxFile: string,
): void {
  const lines = [
    '',
    `Vigil is listening on ${url}`,
    `  data:      ${dbPath ? `on disk in ${dbPath}` : 'in memory (lost on exit)'}`,
    `  platforms: ${Object.keys(platforms).join(', ')}`,
  ];
  if (defaultPlatforms) {
    lines.push(`  development webhook secret of "${DEV_PLATFORM_ID}": ` +
      DEV_WEBHOOK_SECRET);
  }
  lines.push(
    defaultToken ? `  development moderator token: ${token}`
      : '  moderator token: from VIGIL_MODERATOR_TOKEN',
    '',
    `  send events:  POST ${url}/v1/platforms/{platformId}/events`,
    `  read flags:   GET  ${url}/v1/platforms/{platformId}/flags[/{flagId}]`,
    `  decide:       POST ${url}/v1/platforms/{platformId}/flags/{flagId}` +
      '/decisions',
    '                (name yourself with a "Vigil-Moderator: <handle>" header)',
    `  evidence:     GET  ${url}/v1/platforms/{platformId}/flags/{flagId}` +
      '/evidence',
    '  try it:       npm run send -- --restamp examples/blocked-by-two-minors.json',
    '',
    `Flags are printed here and appended to ${inboxFile}`,
    `as they are published (tail -f ${inboxFile}). Ctrl+C stops.`,
    '',
  );
  console.log(lines.join('\n'));
}

function printFlag(flag: Flag): void {
  const counts = flag.measurements
    .map((m) => `${m.name}=${m.value} (needs ${m.threshold})`).join(', ');
  console.log(`[${new Date().toISOString()}] FLAG ${flag.severity} ` +
    `${flag.ruleId} account=${flag.accountId} flag=${flag.flagId}\n` +
    `    ${counts}`);
}

main().catch((error: unknown) => {
  if (error instanceof DynamoDbLocalUnavailableError ||
    error instanceof z.ZodError) {
    console.error(`Vigil could not start: ${error.message}`);
  } else {
    console.error('Vigil could not start:', error);
  }
  process.exit(1);
});
