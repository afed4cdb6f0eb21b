import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  FLAG_ID_PATTERN,
  flagSchema,
  type Flag,
  type FlagStatus,
} from '../flags/flag';
import { flagExpiryMs } from '../flags/retention';
import { standsFor } from '../review/transitions';
import { SEVERITIES, type Severity } from '../rules/config';
import type { StandingFlag } from '../ingest/ports';
import { keys } from './keys';

/**
 * The lock naming the flag that stands for an account and rule. Decisions
 * keep `active` in step with the flag: false once it no longer stands.
 */
const openFlagItem = z.object({
  flagId: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.string(),
  active: z.boolean(),
  reviewedValue: z.number().optional(),
  evidenceLeavesWindowAtMs: z.number().optional(),
});

/**
 * What the lock remembers of a flag's evidence, so that once the flag is
 * resolved the same evidence does not raise it again.
 */
function reviewedEvidence(flag: Flag) {
  const from = Date.parse(flag.window.from);
  const to = Date.parse(flag.window.to);
  return {
    reviewedValue: flag.measurements[0]?.value ?? 0,
    evidenceLeavesWindowAtMs: to + (to - from),
  };
}

/** A page of flags, newest first, and the cursor for the next one. */
export interface FlagPage {
  flags: Flag[];
  nextCursor: string | undefined;
}

export interface FlagQuery {
  status?: FlagStatus | undefined;
  accountId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Raised when a paging cursor was not one this API handed out. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** DynamoDB adapter for flags and the one-open-flag-per-rule lock. */
export class FlagStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Whether a new flag of this severity would add anything: not while a
   * flag of the same account and rule stands at the same or higher severity.
   * Returns the flag it would supersede, if any.
   */
  async standing(
    platformId: string,
    accountId: string,
    ruleId: string,
  ): Promise<StandingFlag | null> {
    const found = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: keys.openFlag(platformId, accountId, ruleId),
      ConsistentRead: true,
    }));
    if (!found.Item) return null;

    const lock = openFlagItem.parse(found.Item);
    return {
      flagId: lock.flagId,
      severity: lock.severity,
      active: lock.active,
      reviewedValue: lock.reviewedValue ?? 0,
      evidenceLeavesWindowAtMs: lock.evidenceLeavesWindowAtMs ?? 0,
    };
  }

  /**
   * Stores a flag and makes it the standing one for its account and rule,
   * provided the standing flag is still the one the caller read. Returns
   * false when another request changed it first or the flag exists.
   */
  async raise(flag: Flag, previousFlagId: string | null): Promise<boolean> {
    const expiresAt = Math.floor(flagExpiryMs(flag.raisedAt) / 1000);
    const lockCondition = previousFlagId === null
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          ConditionExpression: 'flagId = :previous',
          ExpressionAttributeValues: { ':previous': previousFlagId },
        };
    try {
      await this.client.send(new TransactWriteCommand({
        TransactItems: [
          { Put: {
            TableName: this.tableName,
            Item: { ...keys.flag(flag.platformId, flag.flagId), ...flag,
              revision: 0, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          } },
          { Put: {
            TableName: this.tableName,
            Item: {
              ...keys.openFlag(flag.platformId, flag.accountId, flag.ruleId),
              flagId: flag.flagId,
              severity: flag.severity,
              status: flag.status,
              active: standsFor(flag.status, false),
              ...reviewedEvidence(flag),
              expiresAt,
            },
            ...lockCondition,
          } },
        ],
      }));
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /** One flag by id, or undefined. */
  async get(platformId: string, flagId: string): Promise<Flag | undefined> {
    const found = await this.client.send(new GetCommand({
      TableName: this.tableName,
      Key: keys.flag(platformId, flagId),
    }));
    return found.Item ? flagFromItem(found.Item) : undefined;
  }

  /** Flags of a platform, newest first, filtered and paged. */
  async list(platformId: string, query: FlagQuery): Promise<FlagPage> {
    const flags: Flag[] = [];
    let startKey: Record<string, unknown> | undefined =
      decodeCursor(platformId, query.cursor);

    do {
      const page = await this.client.send(new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.flag(platformId, '').pk,
          ':prefix': keys.flagPrefix,
        },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
        Limit: Math.max(query.limit, 25),
      }));
      const items = page.Items ?? [];
      for (const [i, item] of items.entries()) {
        const flag = flagFromItem(item);
        if (matches(flag, query)) flags.push(flag);
        if (flags.length < query.limit) continue;

        const more = i < items.length - 1 || page.LastEvaluatedKey !== undefined;
        return { flags, nextCursor: more ? encodeCursor(flag.flagId) : undefined };
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);

    return { flags, nextCursor: undefined };
  }
}

/** Reads a stored flag item, dropping the storage-only attributes. */
export function flagFromItem(item: Record<string, unknown>): Flag {
  const { pk: _pk, sk: _sk, expiresAt: _ttl, revision: _revision, ...rest } =
    item;
  return flagSchema.parse(rest);
}

function matches(flag: Flag, query: FlagQuery): boolean {
  return (query.status === undefined || flag.status === query.status) &&
    (query.accountId === undefined || flag.accountId === query.accountId);
}

function encodeCursor(flagId: string): string {
  return Buffer.from(flagId, 'utf8').toString('base64url');
}

function decodeCursor(
  platformId: string,
  cursor: string | undefined,
): { pk: string; sk: string } | undefined {
  if (cursor === undefined) return undefined;

  const flagId = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!FLAG_ID_PATTERN.test(flagId)) {
    throw new InvalidCursorError(
      'cursor is not one this API returned; start again without it');
  }
  return keys.flag(platformId, flagId);
}

