process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { parseArgs } from 'node:util';
import * as z from 'zod';
import { DynamoDbLocalUnavailableError } from '../local/dynamodb-local';
import type { Flag } from '../shared/flags/flag';
import { ProgressReporter } from './progress';
import { formatReport } from './report/format';
import { isPerfect } from './report/outcome';
import { runDemo } from './session';
import { simulationStart } from './start';
import { CastingError } from './simulation/cast';
import type { Simulation } from './simulation/simulate';

const USAGE = `Usage: npm run demo -- [options]

Simulates a social platform with planted groomers and benign look-alikes,
sends its events to a local Vigil as signed webhooks, and compares the
flags Vigil raises with the planted truth.
  --seed N       random seed; the same seed gives the same platform (1)
  --accounts N   accounts on the platform, 600 to 20000 (3000)
  --days N       simulated days, 35 to 60; the views baseline needs four
                 weeks of history (40)
  --quiet        print only the report`;

const optionsSchema = z.object({
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1),
  accounts: z.coerce.number().int().min(600).max(20_000),
  days: z.coerce.number().int().min(35).max(60),
});

/** Simulated hours sent together: flags are timed to within this. */
const STEP_HOURS = 1;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: {
    seed: { type: 'string', default: '1' },
    accounts: { type: 'string', default: '3000' },
    days: { type: 'string', default: '40' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const options = optionsSchema.parse(values);
  const startMs = simulationStart(Date.now());
  const progress = new ProgressReporter(process.stdout, startMs,
    options.days);
  const quiet = values.quiet;
  const result = await runDemo({
    ...options,
    startMs,
    stepHours: STEP_HOURS,
    onSimulated: quiet ? undefined : describe,
    onProgress: quiet ? undefined : progress.update,
    onFlag: quiet ? undefined : (flag) => progress.note(flagLine(flag)),
  });
  progress.finish();
  console.log(`\n${formatReport(result.outcome, result.simulation.truth,
    result.facts)}`);
  return isPerfect(result.outcome) ? 0 : 1;
}

function describe(simulation: Simulation): void {
  console.log(`Simulated ${simulation.events.length.toLocaleString('en-GB')} ` +
    `events from ${simulation.members.length.toLocaleString('en-GB')} ` +
    'accounts; starting Vigil on DynamoDB Local...');
}

function flagLine(flag: Flag): string {
  return `flag raised ${flag.raisedAt.slice(0, 16).replace('T', ' ')}: ` +
    `${flag.ruleId} (${flag.severity}) on ${flag.accountId}`;
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (error instanceof z.ZodError) {
    console.error(`Check the options:\n${z.prettifyError(error)}\n\n${USAGE}`);
  } else if (error instanceof DynamoDbLocalUnavailableError ||
    error instanceof CastingError) {
    console.error(`The demo could not run: ${error.message}`);
  } else {
    console.error('The demo failed:', error);
  }
  process.exit(2);
});
