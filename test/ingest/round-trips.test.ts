import { beforeAll, describe, expect, it } from 'vitest';
import type { SocialEvent } from '../../shared/events/schema';
import { createDocumentClient } from '../../shared/store/dynamo-client';
import { LOCAL_AWS } from '../../local/dynamodb-local';
import { freshTable, type TestTable } from '../support/dynamo';
import { adult, event, minor } from '../support/events';
import { vigilOn, type Vigil } from './harness';

let table: TestTable;
let vigil: Vigil;
const commands: string[] = [];

beforeAll(async () => {
  table = await freshTable();
  const client = createDocumentClient({ endpoint: table.endpoint,
    ...LOCAL_AWS });
  client.middlewareStack.add((next, context) => (args) => {
    commands.push(context.commandName ?? 'unknown');
    return next(args);
  }, { step: 'initialize', name: 'countCommands' });
  vigil = vigilOn({ ...table, client });
});

/** The DynamoDB commands one delivery sends, per event in it. */
async function commandsPerEvent(events: readonly SocialEvent[]) {
  commands.length = 0;
  await vigil.service.ingest('demo', events);
  return commands.length / events.length;
}

/** `count` events of one shape, each between accounts named for `tag`. */
const eventsOfShape = (
  count: number,
  shape: (tag: string, i: number) => SocialEvent,
  tag: string,
) => Array.from({ length: count }, (_, i) => shape(tag, i));

describe('DynamoDB round trips per event', () => {
  const blockOfItsOwnAdult = (tag: string, i: number) => event(
    'block.created', minor(`${tag}-minor-${i}`), adult(`${tag}-adult-${i}`));

  it('reads the mark, writes once and reads the counters for a block',
    async () => {
      await commandsPerEvent(eventsOfShape(1, blockOfItsOwnAdult, 'single'));

      expect(commands).toEqual(['BatchGetItemCommand',
        'TransactWriteItemsCommand', 'QueryCommand']);
    });

  it('sends no more commands per event for 50 adults than for one',
    async () => {
      const one = await commandsPerEvent(
        eventsOfShape(1, blockOfItsOwnAdult, 'one-block'));
      const fifty = await commandsPerEvent(
        eventsOfShape(50, blockOfItsOwnAdult, 'fifty-blocks'));

      expect(fifty).toBeLessThanOrEqual(one);
    });

  it('sends no more per event when 20 messages go to one minor', async () => {
    const messageToOneMinor = (tag: string, i: number) => event(
      'message.sent', adult(`${tag}-adult`), minor(`${tag}-minor`),
      { minutesAgo: 60 - i });

    const one = await commandsPerEvent(
      eventsOfShape(1, messageToOneMinor, 'one-message'));
    const twenty = await commandsPerEvent(
      eventsOfShape(20, messageToOneMinor, 'twenty-messages'));

    expect(twenty).toBeLessThanOrEqual(one);
  });

  it('sends no more per event when one adult requests 20 minors', async () => {
    const requestToItsOwnMinor = (tag: string, i: number) => event(
      'friend_request.sent', adult(`${tag}-adult`), minor(`${tag}-minor-${i}`),
      { minutesAgo: 60 - i });

    const one = await commandsPerEvent(
      eventsOfShape(1, requestToItsOwnMinor, 'one-request'));
    const twenty = await commandsPerEvent(
      eventsOfShape(20, requestToItsOwnMinor, 'twenty-requests'));

    expect(twenty).toBeLessThanOrEqual(one);
  });

  it('counts a burst of 300 messages to one minor in a few round trips',
    async () => {
      const messageToOneMinor = (tag: string, i: number) => event(
        'message.sent', adult(`${tag}-adult`), minor(`${tag}-minor`),
        { minutesAgo: 600 - i });

      commands.length = 0;
      const result = await vigil.service.ingest('demo',
        eventsOfShape(300, messageToOneMinor, 'burst'));

      expect(result).toMatchObject({ accepted: 300, duplicates: 0 });
      // Four chunks of up to 97 messages, a read and a write each; then
      // judging the pair reads its connection.
      expect(commands.filter((c) => c !== 'QueryCommand' &&
        c !== 'GetItemCommand')).toEqual([...Array(4).fill(
        ['BatchGetItemCommand', 'TransactWriteItemsCommand']).flat(),
      'BatchGetItemCommand']);
    });
});
