import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { FlagPublisher } from './ports';
import { publishNewFlags } from './publish-batch';

export interface PublishFlagsDeps {
  publisher: FlagPublisher;
  logger: Logger;
  metrics: Metrics;
}

/**
 * The table stream's consumer. A failed publish is reported as a batch item
 * failure, so Lambda retries from that record and keeps the shard's order;
 * after its retries the record goes to the on-failure queue.
 */
export function createPublishFlagsHandler(deps: PublishFlagsDeps) {
  return async (event: {
    Records: readonly unknown[];
  }): Promise<DynamoDBBatchResponse> => {
    const outcome = await publishNewFlags(event.Records, deps.publisher);
    deps.metrics.addMetric('FlagsPublished', MetricUnit.Count,
      outcome.published.length);
    for (const error of outcome.unreadable) {
      deps.metrics.addMetric('FlagRecordsUnreadable', MetricUnit.Count, 1);
      deps.logger.error('stream record skipped: it is not a readable flag',
        { error });
    }
    for (const flag of outcome.published) {
      deps.logger.info('flag published', { flagId: flag.flagId,
        platformId: flag.platformId, ruleId: flag.ruleId,
        severity: flag.severity });
    }
    if (!outcome.failure) return { batchItemFailures: [] };

    const { sequenceNumber, error } = outcome.failure;
    deps.metrics.addMetric('FlagPublishFailures', MetricUnit.Count, 1);
    deps.logger.error('flag not published; the stream retries from it',
      { sequenceNumber, error });
    return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
  };
}
