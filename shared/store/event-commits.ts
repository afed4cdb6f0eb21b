import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import {
  PutCommand,
  type PutCommandInput,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import pLimit, { type LimitFunction } from 'p-limit';
import {
  markerItem,
  packEventTransactions,
  type EventTransaction,
  type PlannedWrite,
} from './event-transactions';
import { connectionChange, isConnectionChange } from './mutations';

/**
 * How an attempt to count one event ended: counted now, counted before,
 * lost a race to another request, or refused only because another event
 * of its chunk was refused, which is no race lost.
 */
export type ApplyOutcome = 'applied' | 'duplicate' | 'conflict' | 'replan';

/** An event refused only because another in its transaction was. */
type CommitOutcome = ApplyOutcome | 'refused-with-others';

/** Writes in flight at once for one delivery. */
const PARALLEL_WRITES = 8;

/**
 * How often the events of a delivery are packed again after others in
 * their transactions were refused; each pass settles at least one event.
 */
const MAX_REPACKS = 4;

/** Commits planned events to the table, each exactly once. */
export class EventCommits {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Counts each event exactly once: its id marker and every counter change
   * it makes commit together or not at all. Events that change counters
   * share transactions, so additions to one counter merge into one write.
   * A marker that exists already means the event was counted before
   * ('duplicate'); a changed distinct mark or connection, or a clash with
   * a concurrent transaction, means the caller should re-read and re-plan
   * ('conflict'), and so should the other events of its chunk, whose plans
   * assumed it would apply ('replan'). The outcomes come back in the order
   * of `writes`.
   *
   * Most events change nothing but their marker: one conditional put is as
   * atomic as a transaction and costs half the write units. A connection
   * change is idempotent, so it needs no transaction either: written before
   * its marker, a retry after a failure in between applies it again
   * harmlessly and then records the event.
   */
  async apply(
    platformId: string,
    writes: readonly PlannedWrite[],
    markerExpiresAtMs: number,
  ): Promise<ApplyOutcome[]> {
    const outcomes = new Array<ApplyOutcome>(writes.length);
    const limit = pLimit(PARALLEL_WRITES);
    const marker = (eventId: string) => markerItem(this.tableName,
      platformId, eventId, markerExpiresAtMs).Put;

    const transactional: number[] = [];
    const alone: Promise<void>[] = [];
    writes.forEach((write, i) => {
      const changes = write.mutations.filter(isConnectionChange);
      if (changes.length < write.mutations.length) {
        transactional.push(i);
        return;
      }
      alone.push(limit(async () => {
        for (const change of changes) {
          await this.changeConnection(platformId, change);
        }
        outcomes[i] = await this.putMarkerAlone(marker(write.eventId));
      }));
    });

    await Promise.all([...alone, this.commitTogether(platformId,
      writes, transactional, markerExpiresAtMs, outcomes, limit)]);
    return outcomes;
  }

  /**
   * Commits the events at `pending` in packed transactions. When one is
   * cancelled, the events it names as duplicates or conflicts get that
   * outcome, and the others, refused only for their company, are packed
   * and sent again without them.
   */
  private async commitTogether(
    platformId: string,
    writes: readonly PlannedWrite[],
    pending: number[],
    markerExpiresAtMs: number,
    outcomes: ApplyOutcome[],
    limit: LimitFunction,
  ): Promise<void> {
    for (let pass = 1; pending.length > 0; pass += 1) {
      if (pass > MAX_REPACKS) {
        pending.forEach((i) => { outcomes[i] = 'conflict'; });
        return;
      }

      const batch = pending;
      const packed = batch.map((i) => writes[i]!);
      const transactions = packEventTransactions(this.tableName, platformId,
        packed, markerExpiresAtMs);
      const settled = await Promise.all(transactions.map((transaction) =>
        limit(() => this.commit(transaction,
          (position) => packed[position]?.chunk))));

      pending = [];
      settled.flat().forEach(({ position, outcome }) => {
        const i = batch[position]!;
        if (outcome === 'refused-with-others') pending.push(i);
        else outcomes[i] = outcome;
      });
    }
  }

  /**
   * Sends one transaction and says what became of each of its events. An
   * event of a chunk in which another was refused must be planned again,
   * since its plan assumed the refused one would apply.
   */
  private async commit(
    transaction: EventTransaction,
    chunkOf: (position: number) => number | undefined,
  ): Promise<{ position: number; outcome: CommitOutcome }[]> {
    const positions = transaction.owners.slice(0, transaction.markers)
      .map(([position]) => position!);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: transaction.items }));
      return positions.map((position) => ({ position, outcome: 'applied' }));
    } catch (error) {
      const blame = blameCancellation(error, transaction);
      const refusedChunks = new Set([...blame.keys()].map(chunkOf)
        .filter((chunk) => chunk !== undefined));
      return positions.map((position) => {
        const chunk = chunkOf(position);
        const outcome = blame.get(position) ??
          (chunk !== undefined && refusedChunks.has(chunk) ? 'replan'
            : 'refused-with-others');
        return { position, outcome };
      });
    }
  }

  /** Applies a connection change unless a newer one is stored already. */
  private async changeConnection(
    platformId: string,
    mutation: Parameters<typeof connectionChange>[2],
  ): Promise<void> {
    const { Update } = connectionChange(this.tableName, platformId, mutation);
    try {
      await this.client.send(new UpdateCommand(Update));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  private async putMarkerAlone(put: PutCommandInput): Promise<ApplyOutcome> {
    try {
      await this.client.send(new PutCommand(put));
      return 'applied';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }
}

/**
 * Which events a cancelled transaction refused, and why: an event whose
 * marker failed its condition was counted before; an event whose other
 * writes failed theirs, or clashed with a concurrent transaction, must be
 * planned again. Anything else is not a refusal and is rethrown.
 */
function blameCancellation(
  error: unknown,
  transaction: EventTransaction,
): Map<number, 'duplicate' | 'conflict'> {
  if (!(error instanceof TransactionCanceledException)) throw error;

  const reasons: CancellationReason[] = error.CancellationReasons ?? [];
  const retryable = reasons.every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict', undefined]
      .includes(reason.Code));
  if (!retryable) throw error;

  const blame = new Map<number, 'duplicate' | 'conflict'>();
  reasons.forEach((reason, i) => {
    if (reason.Code === 'None' || reason.Code === undefined) return;
    const isMarker = i < transaction.markers;
    for (const position of transaction.owners[i] ?? []) {
      if (isMarker && reason.Code === 'ConditionalCheckFailed') {
        blame.set(position, 'duplicate');
      } else if (blame.get(position) !== 'duplicate') {
        blame.set(position, 'conflict');
      }
    }
  });
  // Cancelled without a reason given: every event must be planned again.
  if (blame.size === 0) {
    transaction.owners.slice(0, transaction.markers)
      .forEach(([position]) => blame.set(position!, 'conflict'));
  }
  return blame;
}
