process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { startLocalVigil } from './app';
import { DEFAULT_INBOX_FILE, readLocalConfig } from './config';
import { DEFAULT_PORT } from './defaults';
import { UsageError, readStartArgs } from './start-args';
import { banner, flagLines, startFailure } from './start-output';

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

async function main(): Promise<void> {
  const args = readStartArgs(process.argv.slice(2), process.env);
  if (args.help) {
    console.log(USAGE);
    return;
  }

  const config = readLocalConfig(process.env, args.dbPath);
  console.log('Starting DynamoDB Local...');
  const vigil = await startLocalVigil({
    platforms: config.platforms,
    moderatorToken: config.moderatorToken,
    port: config.port,
    dbPath: config.dbPath,
    rules: config.rules,
    logLevel: config.logLevel,
    inboxFile: config.inboxFile,
    onFlag: (flag) => console.log(flagLines(flag, new Date())),
  });

  console.log(banner(vigil.url, config));
  const stop = () => {
    console.log('\nStopping Vigil...');
    void vigil.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const failure = startFailure(error);
  if (failure) console.error(failure);
  else console.error('Vigil could not start:', error);
  process.exit(1);
});
