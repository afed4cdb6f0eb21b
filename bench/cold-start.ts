import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import * as z from 'zod';
import { median } from './stats';

const ROOT = path.resolve(import.meta.dirname, '..');
const FUNCTIONS_DIR = path.join(ROOT, 'functions');
/** Inside node_modules, so the externalised AWS SDK resolves as on Lambda. */
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'vigil-bench');

/** The same shim the CDK stack puts at the top of each ESM bundle. */
const REQUIRE_SHIM =
  "import { createRequire } from 'node:module';" +
  'const require = createRequire(import.meta.url);';

/**
 * Stand-ins for the environment the stack gives the functions, so that each
 * module's start-up code (which reads it) runs as it would on Lambda.
 */
const DUMMY_ENV = {
  AWS_REGION: 'eu-west-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'vigil-bench',
  PLATFORM_SECRETS_ID: 'vigil/platform-secrets',
  FLAGS_TOPIC_ARN: 'arn:aws:sns:eu-west-2:000000000000:vigil-flags',
  POWERTOOLS_SERVICE_NAME: 'vigil',
  POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** One function's bundle and how long a fresh Node takes to load it. */
export interface ColdStartRow {
  name: string;
  bytes: number;
  gzipBytes: number;
  /** AWS SDK packages the bundle loads from the runtime at start. */
  sdkPackages: string[];
  importMs: number;
  /** With NODE_OPTIONS=--enable-source-maps, as the stack deploys it. */
  importWithSourceMapsMs: number;
  error?: string;
}

/**
 * Bundles every functions/*.ts with the stack's esbuild settings (minified,
 * ESM, node22, AWS SDK left to the runtime) and imports each bundle in a new
 * Node process, `runs` times, keeping the median.
 */
export async function measureColdStarts(runs: number): Promise<ColdStartRow[]> {
  mkdirSync(OUT_DIR, { recursive: true });
  const entries = readdirSync(FUNCTIONS_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const rows: ColdStartRow[] = [];
  for (const entry of entries) rows.push(await measureOne(entry, runs));
  return rows;
}

async function measureOne(entry: string, runs: number): Promise<ColdStartRow> {
  const name = path.basename(entry, '.ts');
  const outfile = path.join(OUT_DIR, `${name}.mjs`);
  const result = await build({
    entryPoints: [path.join(FUNCTIONS_DIR, entry)],
    outfile,
    bundle: true,
    minify: true,
    keepNames: true,
    sourcemap: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_SHIM },
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'silent',
  });
  const code = readFileSync(outfile);
  const row = {
    name,
    bytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
    sdkPackages: sdkPackagesOf(result.metafile),
  };

  try {
    return {
      ...row,
      importMs: median(repeat(runs, () => importOnce(outfile, ''))),
      importWithSourceMapsMs: median(repeat(runs, () =>
        importOnce(outfile, '--enable-source-maps'))),
    };
  } catch (error) {
    return { ...row, importMs: Number.NaN, importWithSourceMapsMs: Number.NaN,
      error: error instanceof Error ? error.message : String(error) };
  }
}

function sdkPackagesOf(metafile: { outputs: Record<string, {
  imports: { path: string; external?: boolean }[] }> }): string[] {
  const imported = Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((imported) => imported.external &&
      imported.path.startsWith('@aws-sdk/'))
    .map((imported) => imported.path.split('/').slice(0, 2).join('/'));
  return [...new Set(imported)].sort();
}

function repeat(times: number, measure: () => number): number[] {
  return Array.from({ length: times }, measure);
}

const timing = z.object({ importMs: z.number() });

/** Imports the bundle in a new Node process and returns how long it took. */
function importOnce(file: string, nodeOptions: string): number {
  const script = 'const start = performance.now();' +
    'await import(process.env.BENCH_MODULE);' +
    'console.log(JSON.stringify({ importMs: performance.now() - start }));';
  const child = spawnSync(process.execPath,
    ['--input-type=module', '-e', script], {
      env: { ...DUMMY_ENV, PATH: process.env.PATH,
        BENCH_MODULE: pathToFileURL(file).href, NODE_OPTIONS: nodeOptions },
      encoding: 'utf8',
      timeout: 60_000,
    });
  if (child.status !== 0) {
    const reason = (child.stderr || child.error?.message || 'no output')
      .split('\n').find((line) => /error/i.test(line)) ?? 'failed';
    throw new Error(reason.trim());
  }
  const lines = child.stdout.trim().split('\n');
  return timing.parse(JSON.parse(lines[lines.length - 1] ?? '')).importMs;
}
