import {
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Mutation } from '../shared/counters/model';
import { markId, marksNeeded, planEvent } from '../shared/counters/plan';
import type { SocialEvent } from '../shared/events/schema';
import { EVENT_ID_RETENTION_MS } from '../shared/ingest/timeliness';
import type { RuleSettings } from '../shared/rules/config';
import { keys } from '../shared/store/keys';
import { isConnectionChange, toTransactItems } from
  '../shared/store/mutations';

type TransactItem = NonNullable<
  TransactWriteCommandInput['TransactItems']>[number];

/** The writes one event needs at the least, ready to send. */
export interface BareWrite {
  eventId: string;
  /** The counter, mark and connection writes, without their conditions. */
  items: TransactItem[];
  /** Whether every write is a connection change, which needs no transaction. */
  connectionOnly: boolean;
}

/**
 * Plans each event against state kept in memory instead of read from the
 * table, so what remains is only what must be written: the id marker and
 * the counter, mark and connection changes, exactly the items Vigil's own
 * plan would write for the same events in the same order.
 */
export class BarePlanner {
  readonly #marks = new Map<string, number>();
  readonly #ties = new Map<string, number>();

  constructor(
    private readonly tableName: string,
    private readonly platformId: string,
    private readonly settings: RuleSettings,
  ) {}

  /** The bare writes of events that follow those planned before. */
  plan(events: readonly SocialEvent[]): BareWrite[] {
    return events.map((event) => {
      const markKeys = marksNeeded(event, this.settings);
      const plan = planEvent(event, this.settings, {
        connectedSinceMs: this.#ties.get(
          tie(event.actor.id, event.target.id)) ?? null,
        markCountedAtMs: new Map(markKeys.map((key) =>
          [markId(key), this.#marks.get(markId(key)) ?? null])),
      });
      plan.mutations.forEach((m) => remember(m, this.#marks, this.#ties));
      const items = toTransactItems(this.tableName, this.platformId,
        plan.mutations).map(withoutCondition);
      return { eventId: event.id, items,
        connectionOnly: plan.mutations.length > 0 &&
          plan.mutations.every(isConnectionChange) };
    });
  }
}

/**
 * Sends one event's bare writes: a lone conditional put of the marker when
 * nothing else changes, the idempotent connection change and then the
 * marker when that is all, else one transaction of marker and changes,
 * which is what counting exactly once needs at the least.
 */
export async function sendBareWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  platformId: string,
  write: BareWrite,
  nowMs: number,
): Promise<void> {
  const marker = {
    TableName: tableName,
    Item: { ...keys.event(platformId, write.eventId),
      expiresAt: Math.floor((nowMs + EVENT_ID_RETENTION_MS) / 1000) },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  if (write.items.length === 0 || write.connectionOnly) {
    for (const { Update } of write.items) {
      if (Update) await client.send(new UpdateCommand(Update));
    }
    await client.send(new PutCommand(marker));
    return;
  }
  await client.send(new TransactWriteCommand({
    TransactItems: [{ Put: marker }, ...write.items],
  }));
}

function remember(
  mutation: Mutation,
  marks: Map<string, number>,
  ties: Map<string, number>,
): void {
  if (mutation.kind === 'mark-distinct') {
    marks.set(markId(mutation.key), mutation.countedAtMs);
  } else if (mutation.kind === 'connect') {
    ties.set(tie(mutation.a, mutation.b), mutation.sinceMs);
    ties.set(tie(mutation.b, mutation.a), mutation.sinceMs);
  } else if (mutation.kind === 'disconnect') {
    ties.delete(tie(mutation.a, mutation.b));
    ties.delete(tie(mutation.b, mutation.a));
  }
}

function tie(from: string, to: string): string {
  return JSON.stringify([from, to]);
}

/**
 * A mark's or connection's condition guards against races and late events,
 * not part of the bare write.
 */
function withoutCondition(item: TransactItem): TransactItem {
  if (item.Update) {
    const { ConditionExpression: _guard, ...update } = item.Update;
    return { Update: update };
  }
  if (!item.Put) return item;
  const { TableName, Item } = item.Put;
  return { Put: { TableName, Item } };
}
