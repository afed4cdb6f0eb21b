import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';

/** One request the store made to DynamoDB, as it went over the wire. */
export interface MeteredCall {
  /** The SDK command, such as `TransactWriteItemsCommand`. */
  command: string;
  /** The request, its items as the document client holds them. */
  input: unknown;
  /** The response, or undefined when DynamoDB refused the request. */
  output: unknown;
  /** The error's name when DynamoDB refused the request. */
  error: string | undefined;
  /** Capacity units DynamoDB said the request consumed. */
  reportedUnits: number;
  /** When the request was sent and answered (performance.now()). */
  startMs: number;
  endMs: number;
}

const capacity = z.object({ CapacityUnits: z.number().optional() });
const consumed = z.looseObject({
  ConsumedCapacity: z.union([capacity, z.array(capacity)]).optional(),
});
const named = z.looseObject({ name: z.string() });

/**
 * Records every request a document client sends, asking DynamoDB to report
 * the capacity each one consumed. The store code is untouched: the meter
 * sits in the client's middleware stack, where it sees each request and
 * response with their items as plain values.
 */
export class CapacityMeter {
  #calls: MeteredCall[] = [];

  attach(client: DynamoDBDocumentClient): void {
    client.middlewareStack.add((next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const input = args.input;
      Object.assign(input, { ReturnConsumedCapacity: 'TOTAL' });
      const startMs = performance.now();
      try {
        const result = await next(args);
        this.#calls.push({ command, input, output: result.output,
          error: undefined, reportedUnits: reportedUnits(result.output),
          startMs, endMs: performance.now() });
        return result;
      } catch (error) {
        const refused = named.safeParse(error);
        this.#calls.push({ command, input, output: undefined,
          error: refused.success ? refused.data.name : 'Error',
          reportedUnits: 0, startMs, endMs: performance.now() });
        throw error;
      }
    }, { step: 'serialize', priority: 'high', name: 'vigilBenchMeter' });
  }

  /** The calls recorded since the last take, which are then forgotten. */
  take(): MeteredCall[] {
    const calls = this.#calls;
    this.#calls = [];
    return calls;
  }
}

function reportedUnits(output: unknown): number {
  const parsed = consumed.safeParse(output);
  if (!parsed.success || !parsed.data.ConsumedCapacity) return 0;

  const entries = [parsed.data.ConsumedCapacity].flat();
  return entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
}
