import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Logging and metrics shared by every function; created once per cold start. */
export function observability() {
  return {
    logger: new Logger({ serviceName: 'vigil' }),
    metrics: new Metrics({ namespace: 'Vigil', serviceName: 'vigil' }),
  };
}
