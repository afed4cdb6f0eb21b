import type { Mutation } from '../counters/model';
import { keys, type Key } from './keys';
import { toTransactItems, type TransactItem } from './mutations';

/** DynamoDB's ceiling on the items of one TransactWriteItems request. */
export const MAX_TRANSACTION_ITEMS = 100;

/** One event's planned changes, ready to commit with its id marker. */
export interface PlannedWrite {
  eventId: string;
  mutations: readonly Mutation[];
}

/**
 * One transaction's worth of events: their markers first, then their
 * changes with the counter additions they share merged into one write per
 * item. `owners[i]` lists the events (by position in the input) whose
 * changes item `i` carries, so a cancellation can be traced to them.
 */
export interface EventTransaction {
  items: TransactItem[];
  owners: number[][];
  /** How many of the first items are event id markers. */
  markers: number;
}

/**
 * Packs events into as few transactions as fit, merging the additions
 * several of them make to one day or hour counter. Each write costs the
 * same whether it adds one or a hundred, so a delivery in which one adult
 * sends ten requests pays for one counter write, not ten. An event's
 * marker and all its changes always share one transaction, so each event
 * still counts entirely or not at all. Two events that would write the
 * same item in any other way go to different transactions, which DynamoDB
 * requires.
 */
export function packEventTransactions(
  tableName: string,
  platformId: string,
  writes: readonly PlannedWrite[],
  markerExpiresAtMs: number,
): EventTransaction[] {
  const drafts: Draft[] = [];
  writes.forEach((write, position) => {
    const draft = drafts.find((d) => d.fits(write)) ?? newDraft(drafts);
    draft.add(write, position);
  });
  return drafts.map((draft) =>
    draft.build(tableName, platformId, markerExpiresAtMs));
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

  /** Whether the event's marker and changes still fit without a clash. */
  fits(write: PlannedWrite): boolean {
    let added = 1;
    for (const mutation of write.mutations) {
      const existing = this.changes.get(itemOf(mutation));
      if (!existing) added += 1;
      else if (!mergeable(existing.mutation, mutation)) return false;
    }
    return this.size() + added <= MAX_TRANSACTION_ITEMS;
  }

  add(write: PlannedWrite, position: number): void {
    this.events.push({ position, eventId: write.eventId });
    for (const mutation of write.mutations) {
      const item = itemOf(mutation);
      const existing = this.changes.get(item);
      this.changes.set(item, existing
        ? { mutation: merge(existing.mutation, mutation),
          owners: [...existing.owners, position] }
        : { mutation, owners: [position] });
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

  private size(): number {
    return this.events.length + this.changes.size;
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

/**
 * The item a change writes, as a string. Platform ids do not matter here:
 * one batch belongs to one platform.
 */
function itemOf(mutation: Mutation): string {
  const key = keyOf(mutation);
  return `${key.pk}\u0000${key.sk}`;
}

function keyOf(mutation: Mutation): Key {
  switch (mutation.kind) {
    case 'count-day':
      return keys.day('', mutation.account, mutation.day);
    case 'count-hour':
      return keys.hour('', mutation.account, mutation.hour);
    case 'count-pair-messages':
      return keys.pairDay('', mutation.account,
        mutation.counterpart.accountId, mutation.day);
    case 'mark-distinct':
      return keys.mark('', mutation.key.account, mutation.key.dimension,
        mutation.key.other);
    case 'connect':
    case 'disconnect':
      return keys.connection('', mutation.a, mutation.b);
  }
}

/** Only plain additions commute, so only they merge. */
function mergeable(a: Mutation, b: Mutation): boolean {
  return (a.kind === 'count-day' && b.kind === 'count-day') ||
    (a.kind === 'count-hour' && b.kind === 'count-hour');
}

function merge(a: Mutation, b: Mutation): Mutation {
  if (a.kind === 'count-day' && b.kind === 'count-day') {
    return { ...a, add: sum(a.add, b.add),
      expiresAtMs: Math.max(a.expiresAtMs, b.expiresAtMs) };
  }
  if (a.kind === 'count-hour' && b.kind === 'count-hour') {
    return { ...a, add: sum(a.add, b.add),
      expiresAtMs: Math.max(a.expiresAtMs, b.expiresAtMs) };
  }
  throw new Error(`cannot merge a ${a.kind} change with a ${b.kind} change`);
}

type Additions<K extends string> = Partial<Record<K, number>>;

function sum<K extends string>(a: Additions<K>, b: Additions<K>): Additions<K> {
  const total: Additions<K> = { ...a };
  for (const name of Object.keys(b) as K[]) {
    total[name] = (total[name] ?? 0) + (b[name] ?? 0);
  }
  return total;
}
