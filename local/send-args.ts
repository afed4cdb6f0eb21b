import { parseArgs } from 'node:util';
import * as z from 'zod';
import { readPort } from './config';
import { DEFAULT_PORT, DEV_PLATFORM_ID, DEV_WEBHOOK_SECRET } from './defaults';
import { UsageError } from './start-args';

export const SEND_USAGE = `Usage: npm run send -- [options] FILE.json

Signs a delivery with Standard Webhooks and posts it to a running Vigil.
  --url URL          Vigil's base URL (default http://127.0.0.1:$PORT,
                     or port ${DEFAULT_PORT} when PORT is unset)
  --platform ID      platform id (default ${DEV_PLATFORM_ID})
  --secret whsec_..  signing secret (default: the development secret)
  --restamp          move every occurredAt so the latest is now, keeping
                     their spacing (for the example files)`;

export interface SendArgs {
  help: boolean;
  url: string;
  platform: string;
  secret: string;
  restamp: boolean;
  file: string | undefined;
}

const urlSchema = z.url({ protocol: /^https?$/,
  error: '--url must be an http URL, as in http://127.0.0.1:3000' });

/**
 * Reads `npm run send`'s command line. Vigil's URL defaults to the port
 * PORT names, as `npm start` listens on it.
 */
export function readSendArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): SendArgs {
  const { values, positionals } = parseSendFlags(args);
  if (positionals.length > 1) {
    throw new UsageError(`one FILE.json at a time, not ${positionals.length}`);
  }
  const url = values.url === undefined
    ? `http://127.0.0.1:${readPort(env)}` : values.url;
  const checked = urlSchema.safeParse(url);
  if (!checked.success) throw new UsageError(checked.error.issues[0]?.message);

  return { help: values.help, url: url.replace(/\/+$/, ''),
    platform: values.platform, secret: values.secret,
    restamp: values.restamp, file: positionals[0] };
}

function parseSendFlags(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, options: {
      url: { type: 'string' },
      platform: { type: 'string', default: DEV_PLATFORM_ID },
      secret: { type: 'string', default: DEV_WEBHOOK_SECRET },
      restamp: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    } });
  } catch (error) {
    // parseArgs names the unknown option or missing value itself.
    throw new UsageError(error instanceof Error ? error.message
      : String(error), { cause: error });
  }
}
