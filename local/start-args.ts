import { parseArgs } from 'node:util';
import * as z from 'zod';

/** Raised when a command line cannot be used; lists every problem. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface StartArgs {
  help: boolean;
  dbPath: string | undefined;
}

const START_OPTIONS = {
  'db-path': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const startFlagsSchema = z.object({
  'db-path': z.string({
    error: '--db-path needs a directory, as in --db-path .vigil/db' })
    .optional(),
  help: z.boolean({ error: '--help takes no value' }).optional(),
});

/**
 * `npm start --db-path DIR`, without the `--`, gives the flag to npm: it
 * sets npm_config_db_path and passes on DIR alone. Said rather than run
 * in memory, silently.
 */
const NPM_KEPT_DB_PATH = 'npm kept --db-path for itself; put -- before ' +
  'Vigil\'s options, as in npm start -- --db-path DIR';

/**
 * Reads `npm start`'s command line, refusing unknown options and stray
 * arguments with a UsageError that names each of them.
 */
export function readStartArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): StartArgs {
  // Not strict, so that every problem is named, in our words, at once.
  const { values, tokens } = parseArgs({ args: [...args],
    options: START_OPTIONS, strict: false, allowPositionals: true,
    tokens: true });
  const problems = tokens.flatMap((token) => {
    if (token.kind === 'positional') {
      return [`unexpected argument "${token.value}"`];
    }
    if (token.kind === 'option' && !Object.hasOwn(START_OPTIONS, token.name)) {
      return [`unknown option ${token.rawName}`];
    }
    return [];
  });
  const flags = startFlagsSchema.safeParse(values);
  if (!flags.success) {
    problems.push(...flags.error.issues.map((issue) => issue.message));
  }
  if (env.npm_config_db_path !== undefined) problems.push(NPM_KEPT_DB_PATH);
  if (!flags.success || problems.length > 0) {
    throw new UsageError(problems.join('\n'));
  }

  return { help: flags.data.help ?? false, dbPath: flags.data['db-path'] };
}
