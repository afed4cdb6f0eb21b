/**
 * The shape of Vigil's one DynamoDB table, shared by the CDK stack, local
 * mode and the tests so that all three create the same table.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds after which DynamoDB may delete the item. */
  ttlAttribute: 'expiresAt',
  /** New flags reach the publisher through the table's stream (an outbox). */
  streamView: 'NEW_IMAGE',
} as const;
