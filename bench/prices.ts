/**
 * AWS on-demand list prices in US East (N. Virginia), us-east-1, in US
 * dollars, as published on the AWS pricing pages when checked on
 * 2026-12-03. DynamoDB's are those in force since its on-demand throughput
 * price cut of November 2024. Edit here when prices change; BENCHMARKS.md
 * quotes this table.
 */
export const PRICES = {
  checked: '2026-12-03',
  region: 'us-east-1',
  dynamodb: {
    /** One write of up to 1 KB; a transactional write takes two. */
    perWriteRequestUnit: 0.625 / 1e6,
    /** One strongly consistent read of up to 4 KB. */
    perReadRequestUnit: 0.125 / 1e6,
    perGbMonth: 0.25,
  },
  lambdaArm64: {
    perRequest: 0.2 / 1e6,
    /** The first tier, up to 7.5 billion GB-seconds a month. */
    perGbSecond: 0.0000133334,
  },
  httpApi: {
    /** The first tier, up to 300 million requests a month, per 512 KB. */
    perRequest: 1.0 / 1e6,
  },
  sns: {
    /** Per 64 KB chunk published; deliveries to SQS cost nothing more. */
    perPublish: 0.5 / 1e6,
  },
} as const;

/** The ingest function's memory in the stack (cdk/constructs). */
export const INGEST_MEMORY_GB = 1;

/**
 * What one DynamoDB request takes from a Lambda function in the same
 * Region, for estimating billed duration. Reads answer in a few
 * milliseconds and transactions in somewhat more; 10 ms is a cautious
 * average. DynamoDB Local on a busy laptop is much slower, so the
 * benchmark counts round trips locally and prices them at this figure.
 */
export const AWS_ROUND_TRIP_MS = 10;
