process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { LocalConfigError } from './config';
import { VigilUnreachableError, postDelivery, restamp } from './delivery';
import { SEND_USAGE, readSendArgs } from './send-args';
import { UsageError } from './start-args';

async function main(): Promise<number> {
  const args = readSendArgs(process.argv.slice(2), process.env);
  if (args.help || !args.file) {
    console.log(SEND_USAGE);
    return args.help ? 0 : 2;
  }

  const text = readFileSync(args.file, 'utf8');
  const response = await postDelivery({
    url: args.url,
    platform: args.platform,
    secret: args.secret,
    body: args.restamp ? restamp(text, Date.now()) : text,
  });
  console.log(`${response.status} ${response.statusText}`);
  console.log(await response.text());
  return response.ok ? 0 : 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${SEND_USAGE}`);
    process.exit(2);
  }
  // These say what to do themselves; anything else is a plain failure.
  const known = error instanceof VigilUnreachableError ||
    error instanceof LocalConfigError;
  const message = error instanceof Error ? error.message : String(error);
  console.error(known ? message : `send failed: ${message}`);
  process.exit(1);
});
