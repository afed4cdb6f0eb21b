import { createPublishFlagsHandler } from '../shared/outbox/publish-handler';
import { streamLambda } from '../shared/outbox/stream-lambda';
import { observability } from '../shared/runtime/observability';
import { flagPublisher } from '../shared/runtime/publisher';

const tools = observability();

/** The table stream's new flags, published to the flags topic. */
export const handler = streamLambda(createPublishFlagsHandler({
  publisher: flagPublisher(),
  ...tools,
}), tools);
