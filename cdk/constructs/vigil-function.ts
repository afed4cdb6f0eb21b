import path from 'node:path';
import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import {
  type BundlingOptions,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FunctionRole } from './function-role';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** Local esbuild, never Docker, so synthesis works on any machine. */
const BUNDLING: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  // Lets the bundle's CommonJS dependencies call `require` inside ESM.
  banner:
    "import { createRequire } from 'node:module';" +
    'const require = createRequire(import.meta.url);',
  minify: true,
  // Error class names survive minification and still reach the logs.
  keepNames: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  // The Node.js 22 runtime ships AWS SDK v3.
  externalModules: ['@aws-sdk/*'],
};

const ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'vigil',
  POWERTOOLS_METRICS_NAMESPACE: 'Vigil',
  // Stack traces in the logs point at the TypeScript source.
  NODE_OPTIONS: '--enable-source-maps',
};

const RUNTIME_REASON =
  'Vigil pins nodejs22.x, a supported LTS runtime, and moves to a newer ' +
  'one as a deliberate, tested change rather than when a check learns ' +
  'of its release.';

export interface VigilFunctionProps {
  /** The file in functions/ that exports `handler`, without extension. */
  readonly entry: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment?: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
  readonly logKey: IKey;
}

/**
 * A Vigil Lambda function: Node.js 22 on arm64, bundled locally by esbuild,
 * traced, logging JSON to its own encrypted, expiring log group, and with a
 * role that holds only what it is granted.
 */
export class VigilFunction extends NodejsFunction {
  /** The entry file's name, which also names the function in alarms. */
  readonly entryName: string;
  readonly #role: FunctionRole;

  constructor(scope: Construct, id: string, props: VigilFunctionProps) {
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role, not the AWS managed basic-execution policy, so the
    // function can write to its log group and no other.
    const role = new FunctionRole(scope, `${id}Role`, props.entry);

    super(scope, id, {
      entry: path.join(REPO_ROOT, 'functions', `${props.entry}.ts`),
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      bundling: BUNDLING,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      description: props.description,
      memorySize: props.memorySize,
      timeout: props.timeout,
      environment: { ...ENVIRONMENT, ...props.environment },
      role,
      logGroup,
    });

    this.entryName = props.entry;
    this.#role = role;
    logGroup.grantWrite(role);
    this.#acknowledgeRules();
  }

  /**
   * Records why this function's role may hold KMS action wildcards. Call it
   * after granting writes to an encrypted table, topic or queue.
   */
  acknowledgeEncryptedWrites() {
    const reason =
      'CDK grants writes to an encrypted table, topic or queue as the ' +
      'kms:GenerateDataKey* and kms:ReEncrypt* action families, and only ' +
      "on that resource's own key, never on every key.";
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.#role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason,
      });
    }
  }

  #acknowledgeRules() {
    const onFunction = {
      'AwsSolutions-L1': RUNTIME_REASON,
      'Serverless-LambdaLatestVersion': RUNTIME_REASON,
      'Serverless-LambdaDLQ':
        'Vigil invokes no function asynchronously: API Gateway calls wait ' +
        'for the answer, and the stream publisher has an on-failure queue ' +
        'on its event source, so a Lambda DLQ would never receive anything.',
    };
    for (const [id, reason] of Object.entries(onFunction)) {
      Validations.of(this).acknowledge({ id, reason });
    }
  }
}
