process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod';
import {
  DEFAULT_PORT,
  DEV_PLATFORM_ID,
  DEV_WEBHOOK_SECRET,
} from './defaults';

const USAGE = `Usage: npm run send -- [options] FILE.json

Signs a delivery with Standard Webhooks and posts it to a running Vigil.
  --url URL          Vigil's base URL (default http://127.0.0.1:${DEFAULT_PORT})
  --platform ID      platform id (default ${DEV_PLATFORM_ID})
  --secret whsec_..  signing secret (default: the development secret)
  --restamp          move every occurredAt so the latest is now, keeping
                     their spacing (for the example files)`;

const deliveryShape = z.looseObject({
  events: z.array(z.looseObject({ occurredAt: z.string() })),
});

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string', default: `http://127.0.0.1:${DEFAULT_PORT}` },
      platform: { type: 'string', default: DEV_PLATFORM_ID },
      secret: { type: 'string', default: DEV_WEBHOOK_SECRET },
      restamp: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const file = positionals[0];
  if (values.help || !file) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }

  let body = readFileSync(file, 'utf8');
  if (values.restamp) body = restamp(body);

  const id = `msg_${randomUUID()}`;
  const timestamp = new Date();
  const signature = new Webhook(values.secret).sign(id, timestamp, body);
  const response = await fetch(
    `${values.url}/v1/platforms/${values.platform}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
  console.log(`${response.status} ${response.statusText}`);
  console.log(await response.text());
  return response.ok ? 0 : 1;
}

function restamp(body: string): string {
  const delivery = deliveryShape.parse(JSON.parse(body));
  const times = delivery.events.map((event) => Date.parse(event.occurredAt));
  const shift = Date.now() - Math.max(...times);
  for (const [i, event] of delivery.events.entries()) {
    event.occurredAt = new Date((times[i] ?? 0) + shift).toISOString();
  }
  return JSON.stringify(delivery);
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(`send failed: ${error instanceof Error ? error.message
    : String(error)}`);
  process.exit(1);
});
