import { INGEST_MEMORY_GB, PRICES } from './prices';

/** What one event costs Vigil's deployment, measured or derived. */
export interface PerEvent {
  writeUnits: number;
  readUnits: number;
  /** Events per webhook delivery. */
  batchSize: number;
  /** How long the ingest function runs per delivery. */
  secondsPerDelivery: number;
  flags: number;
}

export interface CostLine {
  item: string;
  /** Dollars per million events. */
  perMillion: number;
  basis: string;
}

/** Dollars per million events, by AWS service, at on-demand list prices. */
export function costPerMillion(e: PerEvent): CostLine[] {
  const M = 1e6;
  const deliveries = M / e.batchSize;
  const { dynamodb, lambdaArm64, httpApi, sns } = PRICES;
  return [
    { item: 'DynamoDB writes', perMillion: M * e.writeUnits *
      dynamodb.perWriteRequestUnit,
      basis: `${e.writeUnits.toFixed(2)} WRU/event` },
    { item: 'DynamoDB reads', perMillion: M * e.readUnits *
      dynamodb.perReadRequestUnit,
      basis: `${e.readUnits.toFixed(2)} RRU/event` },
    { item: 'Lambda requests', perMillion: deliveries *
      lambdaArm64.perRequest,
      basis: `${deliveries.toFixed(0)} invocations` },
    { item: 'Lambda duration', perMillion: deliveries * INGEST_MEMORY_GB *
      e.secondsPerDelivery * lambdaArm64.perGbSecond,
      basis: `${INGEST_MEMORY_GB} GB x ${
        (e.secondsPerDelivery * 1000).toFixed(0)} ms each (est.)` },
    { item: 'API Gateway HTTP API', perMillion: deliveries * httpApi.perRequest,
      basis: `${deliveries.toFixed(0)} requests` },
    { item: 'SNS', perMillion: M * e.flags * sns.perPublish,
      basis: `${(M * e.flags).toFixed(0)} flags published` },
  ];
}

export function total(lines: readonly CostLine[]): number {
  return lines.reduce((sum, line) => sum + line.perMillion, 0);
}
