import { canMerge, mergeMutations, targetOf } from '../counters/chunk';
import type { Mutation } from '../counters/model';
import { MAX_WRITES_PER_COMMIT } from '../ingest/ports';
import { keys } from './keys';
import { toTransactItems, type TransactItem } from './mutations';

/** DynamoDB's ceiling on the items of one TransactWriteItems request. */
export const MAX_TRANSACTION_ITEMS = MAX_WRITES_PER_COMMIT;

/** One event's planned changes, ready to commit with its id marker. */
export interface PlannedWrite {
  eventId: string;
  mutations: readonly Mutation[];
  /**
   * Events planned one after another against one read share a chunk: they
   * commit in one transaction, and if one is refused the others must be
   * planned again. Events without one stand alone.
   */
  chunk?: number;
}

/**
 * One transaction's worth of events: their markers first, then their
 * changes with those to one item merged into one write. `owners[i]` lists
 * the events (by position in the input) whose changes item `i` carries,
 * so a cancellation can be traced to them.
 */
export interface EventTransaction {
  items: TransactItem[];
  owners: number[][];
  /** How many of the first items are event id markers. */
  markers: number;
}

/**
 * Packs events into as few transactions as fit, merging the additions
 * several of them make to one day, hour or pair counter. Each write costs
 * the same whether it adds one or a hundred, so a delivery in which one
 * adult sends ten requests pays for one counter write, not ten. An event's
 * marker and all its changes always share one transaction, so each event
 * still counts entirely or not at all, and so do all events of a chunk.
 * Two events that would write the same item in any other way go to
 * different transactions, which DynamoDB requires.
 */
export function packEventTransactions(
  tableName: string,
  platformId: string,
  writes: readonly PlannedWrite[],
  markerExpiresAtMs: number,
): EventTransaction[] {
  const drafts: Draft[] = [];
  for (const group of chunksOf(writes)) {
    const draft = drafts.find((d) => d.fits(group)) ?? newDraft(drafts);
    draft.add(group);
  }
  return drafts.map((draft) =>
    draft.build(tableName, platformId, markerExpiresAtMs));
}

type Positioned = PlannedWrite & { position: number };

/** The writes grouped by chunk, each alone if it has none, in order. */
function chunksOf(writes: readonly PlannedWrite[]): Positioned[][] {
  const groups = new Map<string, Positioned[]>();
  writes.forEach((write, position) => {
    const key = write.chunk === undefined ? `alone ${position}`
      : `chunk ${write.chunk}`;
    groups.set(key, [...groups.get(key) ?? [], { ...write, position }]);
  });
  return [...groups.values()];
}

function newDraft(drafts: Draft[]): Draft {
  const draft = new Draft();
  drafts.push(draft);
  return draft;
}

/** A transaction being filled. */
class Draft {
  private readonly events: { position: number; eventId: string }[] = [];
  /** Changes by the item they write, each with the events behind it. */
  private readonly changes = new Map<string,
    { mutation: Mutation; owners: number[] }>();

  /** Whether the events' markers and changes fit without a clash. */
  fits(group: readonly Positioned[]): boolean {
    const pending = new Map<string, Mutation>();
    for (const mutation of group.flatMap((write) => write.mutations)) {
      const target = targetOf(mutation);
      const existing = this.changes.get(target)?.mutation ??
        pending.get(target);
      if (existing && !canMerge(existing, mutation)) return false;
      if (!this.changes.has(target)) pending.set(target, mutation);
    }
    return this.events.length + group.length + this.changes.size +
      pending.size <= MAX_TRANSACTION_ITEMS;
  }

  add(group: readonly Positioned[]): void {
    for (const { position, eventId, mutations } of group) {
      this.events.push({ position, eventId });
      for (const mutation of mutations) {
        const target = targetOf(mutation);
        const existing = this.changes.get(target);
        this.changes.set(target, existing
          ? { mutation: mergeMutations(existing.mutation, mutation),
            owners: [...existing.owners, position] }
          : { mutation, owners: [position] });
      }
    }
  }

  build(
    tableName: string,
    platformId: string,
    markerExpiresAtMs: number,
  ): EventTransaction {
    const changes = [...this.changes.values()];
    return {
      items: [
        ...this.events.map(({ eventId }) =>
          markerItem(tableName, platformId, eventId, markerExpiresAtMs)),
        ...toTransactItems(tableName, platformId,
          changes.map((c) => c.mutation)),
      ],
      owners: [
        ...this.events.map(({ position }) => [position]),
        ...changes.map((c) => c.owners),
      ],
      markers: this.events.length,
    };
  }
}

/**
 * The conditional put that records an event as counted; it fails if the
 * event was counted before, which is how a retry is recognised.
 */
export function markerItem(
  TableName: string,
  platformId: string,
  eventId: string,
  expiresAtMs: number,
): { Put: NonNullable<TransactItem['Put']> } {
  return {
    Put: {
      TableName,
      Item: {
        ...keys.event(platformId, eventId),
        expiresAt: Math.floor(expiresAtMs / 1000),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
