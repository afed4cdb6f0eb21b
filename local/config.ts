import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { ConfigurationError } from '../shared/config/env';
import {
  platformSecretsSchema,
  type PlatformSecrets,
} from '../shared/platforms/directory';
import { RuleBook, RuleBookError } from '../shared/rules/rule-book';
import {
  DEFAULT_PORT,
  DEV_MODERATOR_TOKEN,
  DEV_PLATFORM_ID,
  DEV_WEBHOOK_SECRET,
} from './defaults';

/** The moderator inbox, in the directory git ignores. */
export const DEFAULT_INBOX_FILE = '.vigil/moderator-inbox.jsonl';

const PLATFORMS_SHAPE = '{"platformId": ["whsec_..."]}';
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** Raised when local mode's environment is wrong; one line per setting. */
export class LocalConfigError extends ConfigurationError {
  override name = 'LocalConfigError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** What `npm start` runs with, read from its environment. */
export interface LocalConfig {
  platforms: PlatformSecrets;
  /** True when VIGIL_PLATFORMS is unset and the development one serves. */
  developmentPlatform: boolean;
  moderatorToken: string;
  /** True when VIGIL_MODERATOR_TOKEN is unset. */
  developmentToken: boolean;
  port: number;
  dbPath: string | undefined;
  rules: RuleBook;
  logLevel: (typeof LOG_LEVELS)[number];
  inboxFile: string;
}

/** A port as PORT gives it: digits only, so `PORT=` is not port 0. */
const portSetting = z.string()
  .regex(/^\d{1,5}$/, { error: (issue) => describeValue(issue.input) })
  .transform(Number)
  .refine((port) => port <= 65535, {
    error: (issue) => describeValue(String(issue.input)) });

const platformsSetting = z.string()
  .transform(parseJson)
  .pipe(z.record(z.string(), z.unknown(), {
    error: `is not a JSON object; expected ${PLATFORMS_SHAPE}` }))
  .pipe(platformSecretsSchema)
  .refine((platforms) => Object.keys(platforms).length > 0, {
    error: `names no platform; expected ${PLATFORMS_SHAPE}` });

const envSchema = z.object({
  PORT: portSetting.optional(),
  VIGIL_PLATFORMS: platformsSetting.optional(),
  // The token is a secret, so a refusal gives its length, not its value.
  VIGIL_MODERATOR_TOKEN: z.string().min(16, {
    error: (issue) => `is ${String(issue.input).length} characters long; ` +
      'expected at least 16' }).optional(),
  VIGIL_DB_PATH: z.string().optional(),
  VIGIL_RULES_FILE: z.string().optional(),
  VIGIL_INBOX_FILE: z.string()
    .min(1, { error: 'is empty; expected a file path' }).optional(),
  VIGIL_LOG_LEVEL: z.enum(LOG_LEVELS, {
    error: (issue) => `is ${JSON.stringify(issue.input)}; expected ` +
      'DEBUG, INFO, WARN or ERROR' }).optional(),
});

/**
 * Reads local mode's settings from the environment, or throws a
 * ConfigurationError with one line per bad setting, all of them at once.
 * A `--db-path` flag wins over VIGIL_DB_PATH.
 */
export function readLocalConfig(
  env: NodeJS.ProcessEnv,
  dbPathFlag?: string,
): LocalConfig {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map(describeIssue);
  const rules = readRules(env.VIGIL_RULES_FILE);
  if (typeof rules === 'string') problems.push(rules);
  if (!parsed.success || typeof rules === 'string') {
    throw new LocalConfigError(problems);
  }

  const settings = parsed.data;
  return {
    platforms: settings.VIGIL_PLATFORMS ??
      { [DEV_PLATFORM_ID]: [DEV_WEBHOOK_SECRET] },
    developmentPlatform: !settings.VIGIL_PLATFORMS,
    moderatorToken: settings.VIGIL_MODERATOR_TOKEN ?? DEV_MODERATOR_TOKEN,
    developmentToken: !settings.VIGIL_MODERATOR_TOKEN,
    port: settings.PORT ?? DEFAULT_PORT,
    dbPath: dbPathFlag ?? settings.VIGIL_DB_PATH,
    rules,
    logLevel: settings.VIGIL_LOG_LEVEL ?? 'WARN',
    inboxFile: settings.VIGIL_INBOX_FILE ?? DEFAULT_INBOX_FILE,
  };
}

/** The port PORT names, or the default; as `npm start` reads it. */
export function readPort(env: NodeJS.ProcessEnv): number {
  const parsed = z.object({ PORT: portSetting.optional() }).safeParse(env);
  if (!parsed.success) {
    throw new LocalConfigError(parsed.error.issues.map(describeIssue));
  }
  return parsed.data.PORT ?? DEFAULT_PORT;
}

/** The rules document VIGIL_RULES_FILE names, or why it cannot be used. */
function readRules(path: string | undefined): RuleBook | string {
  if (!path) return RuleBook.defaults();

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `VIGIL_RULES_FILE is ${path}, which cannot be read ` +
      `(${readFailure(error)}); expected the path of a rules document`;
  }
  try {
    return RuleBook.parse(text);
  } catch (error) {
    if (!(error instanceof RuleBookError)) throw error;
    return `VIGIL_RULES_FILE is ${path}, which is not a usable rules ` +
      `document: ${error.message}`;
  }
}

function readFailure(error: unknown): string {
  const code = z.object({ code: z.string() }).safeParse(error);
  switch (code.success ? code.data.code : undefined) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': return 'permission denied';
    case 'EISDIR': return 'it is a directory';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The JSON in a setting. The parser's own message is left out: it quotes
 * the text, and VIGIL_PLATFORMS holds secrets.
 */
function parseJson(text: string, context: z.RefinementCtx): unknown {
  try {
    return JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom',
      message: `is not valid JSON; expected ${PLATFORMS_SHAPE}` });
    return z.NEVER;
  }
}

function describeValue(input: unknown): string {
  return `is ${JSON.stringify(input)}; expected a port number from 0 to ` +
    '65535 (0 picks a free one)';
}

/**
 * One line naming the variable: `PORT is "abc"; expected ...` for the
 * setting itself, `VIGIL_PLATFORMS at acme[0]: ...` within its JSON.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const [variable, ...within] = issue.path;
  const reason = issue.code === 'invalid_key'
    ? issue.issues.map((inner) => inner.message).join(', ')
    : issue.message;
  if (within.length === 0) return `${String(variable)} ${reason}`;

  const where = within.map((key, i) => typeof key === 'number' ? `[${key}]`
    : `${i === 0 ? '' : '.'}${String(key)}`).join('');
  return `${String(variable)} at ${where}: ${reason}`;
}
