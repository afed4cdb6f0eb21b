import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { epochSeconds } from '../counters/time';
import type { EvidenceSnapshot } from '../review/evidence';
import type { StoredFlag } from '../review/ports';
import type { DecisionPlan, ExpiryChange } from '../review/transitions';
import { keys } from './keys';
import { reviewKeys } from './review-keys';

type TransactItem = NonNullable<
  TransactWriteCommandInput['TransactItems']
>[number];

/**
 * The writes of one decision, committed together: the flag (conditional on
 * the status and revision read), a new trail entry that can never overwrite
 * another, the lock if the flag holds it, and the evidence snapshot and
 * expiries that a legal hold places or lifts.
 */
export function decisionWrites(
  TableName: string,
  read: StoredFlag,
  plan: DecisionPlan,
  snapshot: EvidenceSnapshot | undefined,
): TransactItem[] {
  const { platformId, flagId } = read.flag;
  const expiresAt = expiryAfter(read, plan.expiry);
  const writes: TransactItem[] = [
    updateFlag(TableName, read, plan),
    { Put: {
      TableName,
      Item: { ...reviewKeys.trailEntry(platformId, flagId, plan.entry.seq),
        ...plan.entry, expiresAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    } },
  ];
  if (read.holdsLock) writes.push(updateLock(TableName, read, plan));
  if (snapshot) {
    writes.push({ Put: {
      TableName,
      Item: { ...reviewKeys.snapshot(platformId, flagId), ...snapshot },
      ConditionExpression: 'attribute_not_exists(pk)',
    } });
  }
  if (plan.expiry.kind === 'restored' && expiresAt !== undefined) {
    writes.push(...restoreExpiry(TableName, read, expiresAt));
  }
  return writes;
}

/** Epoch seconds the flag's items expire at after the decision, if ever. */
function expiryAfter(
  read: StoredFlag,
  change: ExpiryChange,
): number | undefined {
  switch (change.kind) {
    case 'unchanged': return read.expiresAt;
    case 'held': return undefined;
    case 'restored': return epochSeconds(change.atMs);
  }
}

function updateFlag(
  TableName: string,
  read: StoredFlag,
  plan: DecisionPlan,
): TransactItem {
  const wasHeld = read.flag.legalHoldSince !== undefined;
  const set = ['#status = :to', 'revision = :next'];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':to': plan.status,
    ':next': plan.entry.seq,
    ':from': read.flag.status,
    ':revision': read.revision,
  };
  if (plan.onHold && !wasHeld) {
    set.push('legalHoldSince = :since');
    values[':since'] = plan.entry.decidedAt;
  }
  if (!plan.onHold && wasHeld) remove.push('legalHoldSince');
  addExpiry(plan.expiry, set, remove, values);

  return { Update: {
    TableName,
    Key: keys.flag(read.flag.platformId, read.flag.flagId),
    UpdateExpression: expression(set, remove),
    ConditionExpression: '#status = :from AND revision = :revision',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  } };
}

/** The lock follows its flag, so a closed flag lets a repeat raise anew. */
function updateLock(
  TableName: string,
  read: StoredFlag,
  plan: DecisionPlan,
): TransactItem {
  const { platformId, accountId, ruleId, flagId } = read.flag;
  const set = ['#status = :to', 'active = :stands'];
  const remove: string[] = [];
  const values: Record<string, unknown> = {
    ':to': plan.status,
    ':stands': plan.stands,
    ':flagId': flagId,
  };
  addExpiry(plan.expiry, set, remove, values);

  return { Update: {
    TableName,
    Key: keys.openFlag(platformId, accountId, ruleId),
    UpdateExpression: expression(set, remove),
    ConditionExpression: 'flagId = :flagId',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  } };
}

/** A release gives the snapshot and the earlier trail entries an expiry. */
function restoreExpiry(
  TableName: string,
  read: StoredFlag,
  expiresAt: number,
): TransactItem[] {
  const { platformId, flagId } = read.flag;
  const earlier = Array.from({ length: read.revision }, (_, i) =>
    reviewKeys.trailEntry(platformId, flagId, i + 1));
  return [reviewKeys.snapshot(platformId, flagId), ...earlier]
    .map((Key) => ({ Update: {
      TableName,
      Key,
      UpdateExpression: 'SET expiresAt = :exp',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':exp': expiresAt },
    } }));
}

function addExpiry(
  change: ExpiryChange,
  set: string[],
  remove: string[],
  values: Record<string, unknown>,
): void {
  if (change.kind === 'held') remove.push('expiresAt');
  if (change.kind === 'restored') {
    set.push('expiresAt = :exp');
    values[':exp'] = epochSeconds(change.atMs);
  }
}

function expression(set: readonly string[], remove: readonly string[]) {
  return `SET ${set.join(', ')}` +
    (remove.length > 0 ? ` REMOVE ${remove.join(', ')}` : '');
}
