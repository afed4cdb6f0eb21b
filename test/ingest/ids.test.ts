import { beforeAll, describe, expect, it } from 'vitest';
import { deliverySchema } from '../../shared/events/schema';
import { RuleBook } from '../../shared/rules/rule-book';
import { freshTable } from '../support/dynamo';
import { adult, event, minor } from '../support/events';
import { vigilOn, type Vigil } from './harness';

let vigil: Vigil;

beforeAll(async () => {
  const rules = RuleBook.parse(JSON.stringify({ schemaVersion: 1,
    defaults: { rules: { 'unsolicited-messages-to-minor': {
      minMessages: 4, minActiveDays: 1 } } } }));
  vigil = vigilOn(await freshTable(), { rules });
});

describe('platform ids with separators, escapes and other scripts', () => {
  it('keeps apart adults whose ids differ by "#" against "%23"', async () => {
    const result = await vigil.service.ingest('demo', [
      event('block.created', minor('sep-minor-1'), adult('sep#adult')),
      event('block.created', minor('sep-minor-2'), adult('sep%23adult')),
    ]);

    expect(result.flags).toEqual([]);
  });

  it('counts minors whose ids differ by "#" against "%23" as two',
    async () => {
      const result = await vigil.service.ingest('demo', [
        event('block.created', minor('kid#1'), adult('escaped-adult')),
        event('block.created', minor('kid%231'), adult('escaped-adult')),
      ]);

      expect(result.flags[0]?.counterparts.map((c) => c.accountId).sort())
        .toEqual(['kid#1', 'kid%231']);
    });

  it('treats event ids that differ by "#" against "%23" as two events',
    async () => {
      const suspect = adult('event-id-adult');
      const result = await vigil.service.ingest('demo', [
        { ...event('block.created', minor('id-minor-1'), suspect),
          id: 'evt#1' },
        { ...event('block.created', minor('id-minor-2'), suspect),
          id: 'evt%231' },
      ]);

      expect(result).toMatchObject({ accepted: 2, duplicates: 0 });
      expect(result.flags[0]?.triggeringEventIds.sort())
        .toEqual(['evt#1', 'evt%231']);
    });

  it('carries ids in other scripts through to the flag as they came',
    async () => {
      const suspect = { ...adult('ädült-🙂'), region: undefined };
      const result = await vigil.service.ingest('demo', [
        event('block.created', minor('мальчик'), suspect),
        event('report.created', minor('子供'), suspect),
      ]);

      expect(result.flags[0]?.accountId).toBe('ädült-🙂');
      expect(result.flags[0]?.counterparts.map((c) => c.accountId).sort())
        .toEqual(['мальчик', '子供']);
    });

  it('keeps messages to a minor apart from those to an id extending it',
    async () => {
      const suspect = adult('prefix-adult');
      const messagesTo = (id: string) => [1, 2, 3].map((i) =>
        event('message.sent', suspect, minor(id), { minutesAgo: 10 + i }));

      const result = await vigil.service.ingest('demo',
        [...messagesTo('pal'), ...messagesTo('pal#2')]);

      expect(result.flags).toEqual([]);
    });

  it('refuses an id holding an unpaired surrogate, naming where', () => {
    const broken = { ...event('block.created', minor('ok-minor'),
      adult('ok-adult')), id: 'evt-\ud800' };

    const parsed = deliverySchema.safeParse({ events: [broken] });

    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message]))
      .toEqual([['events.0.id',
        'event id must be valid Unicode, without unpaired surrogates']]);
  });
});
