import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  evidenceSnapshotSchema,
  type EvidenceSnapshot,
} from '../review/evidence';
import type { ReviewStorePort, StoredFlag } from '../review/ports';
import type { DecisionPlan } from '../review/transitions';
import { trailEntrySchema, type TrailEntry } from '../review/trail';
import { flagFromItem } from './flag-store';
import { keys } from './keys';
import { reviewKeys } from './review-keys';
import { decisionWrites } from './review-writes';

const flagMeta = z.looseObject({
  revision: z.int().min(0),
  expiresAt: z.int().optional(),
});
const lockItem = z.looseObject({ flagId: z.string() });

/** DynamoDB adapter for decisions, their trail and frozen evidence. */
export class ReviewStore implements ReviewStorePort {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(
    platformId: string,
    flagId: string,
  ): Promise<StoredFlag | undefined> {
    const item = await this.getItem(keys.flag(platformId, flagId));
    if (!item) return undefined;

    const flag = flagFromItem(item);
    const meta = flagMeta.parse(item);
    const lock = await this.getItem(
      keys.openFlag(platformId, flag.accountId, flag.ruleId));
    return {
      flag,
      revision: meta.revision,
      expiresAt: meta.expiresAt,
      holdsLock: lock !== undefined && lockItem.parse(lock).flagId === flagId,
    };
  }

  async trail(platformId: string, flagId: string): Promise<TrailEntry[]> {
    // A flag gets a handful of decisions, far below one page of results.
    const page = await this.client.send(new QueryCommand({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.flag(platformId, flagId).pk,
        ':prefix': reviewKeys.trailPrefix(flagId),
      },
      ConsistentRead: true,
    }));
    return (page.Items ?? []).map((item) =>
      trailEntrySchema.parse(withoutStorageFields(item)));
  }

  async snapshot(
    platformId: string,
    flagId: string,
  ): Promise<EvidenceSnapshot | undefined> {
    const item = await this.getItem(reviewKeys.snapshot(platformId, flagId));
    return item
      ? evidenceSnapshotSchema.parse(withoutStorageFields(item))
      : undefined;
  }

  async apply(
    read: StoredFlag,
    plan: DecisionPlan,
    snapshot: EvidenceSnapshot | undefined,
  ): Promise<boolean> {
    const writes = decisionWrites(this.tableName, read, plan, snapshot);
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: writes,
      }));
      return true;
    } catch (error) {
      if (isRace(error)) return false;
      throw error;
    }
  }

  private async getItem(key: { pk: string; sk: string }) {
    const found = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: key,
      ConsistentRead: true,
    }));
    return found.Item;
  }
}

/** The item's own fields, without its key and expiry. */
function withoutStorageFields(item: Record<string, unknown>) {
  const { pk: _pk, sk: _sk, expiresAt: _ttl, ...rest } = item;
  return rest;
}

/** A failed condition or a concurrent transaction: someone got there first. */
function isRace(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict', undefined]
      .includes(reason.Code));
}
