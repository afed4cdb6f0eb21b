import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';

/**
 * The item actions shared/store calls. A transaction needs no action of its
 * own: IAM authorises each Put and Update inside one as PutItem or
 * UpdateItem. Nothing deletes or scans, so no function may: the flags'
 * decision trail must not be editable.
 */
const ITEM_READS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
] as const;
const ITEM_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

export type ItemAction =
  | (typeof ITEM_READS)[number]
  | (typeof ITEM_WRITES)[number];

/** The key use that reading an encrypted table needs, as CDK grants it. */
const KEY_READS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITES = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * Grants exactly these item actions on the table, and the use of its key
 * they need: decrypting to read, encrypting as well to write. Answers
 * whether any of them writes.
 */
export function grantItemActions(
  table: ITable,
  grantee: IGrantable,
  actions: readonly ItemAction[],
): boolean {
  table.grant(grantee, ...actions);

  const writes = actions.some((action) =>
    ITEM_WRITES.some((write) => write === action));
  table.encryptionKey?.grant(
    grantee,
    ...KEY_READS,
    ...(writes ? KEY_WRITES : []),
  );
  return writes;
}
