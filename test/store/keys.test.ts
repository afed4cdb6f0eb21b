import { describe, expect, it } from 'vitest';
import { keys } from '../../shared/store/keys';

describe('storage keys', () => {
  it('encodes a "#" inside an id so it cannot act as a separator', () => {
    expect(keys.account('demo', 'a#b')).toBe('A#demo#a%23b');
    expect(keys.account('demo', 'a#b'))
      .not.toBe(keys.account('demo', 'a%23b'));
  });

  it('keeps every item of an account under the account\'s partition', () => {
    const partitions = new Set([
      keys.day('demo', 'adult', '2026-12-03').pk,
      keys.hour('demo', 'adult', '2026-12-03T11').pk,
      keys.pairDay('demo', 'adult', 'minor', '2026-12-03').pk,
      keys.mark('demo', 'adult', 'contact', 'minor').pk,
      keys.openFlag('demo', 'adult', 'rejected-by-minors').pk,
    ]);

    expect([...partitions]).toEqual(['A#demo#adult']);
  });

  it('names one connection item for two accounts, whichever comes first',
    () => {
      expect(keys.connection('demo', 'zed', 'amy'))
        .toEqual(keys.connection('demo', 'amy', 'zed'));
      expect(keys.connection('demo', 'zed', 'amy'))
        .toEqual({ pk: 'A#demo#amy', sk: 'C#zed' });
    });

  it('never lets one minor\'s pair prefix cover another minor\'s days', () => {
    const extended = keys.pairDay('demo', 'adult', 'pal#2', '2026-12-03').sk;

    expect(extended.startsWith(keys.pairPrefix('pal'))).toBe(false);
  });

  it('never lets one dimension\'s mark prefix cover another\'s marks', () => {
    const dimensions = ['contact', 'rejected', 'viewed',
      'blocked-or-reported'] as const;

    for (const a of dimensions) {
      for (const b of dimensions.filter((d) => d !== a)) {
        expect(keys.mark('demo', 'adult', b, 'x').sk
          .startsWith(keys.markPrefix(a))).toBe(false);
      }
    }
  });

  it('keeps event ids of different platforms apart', () => {
    expect(keys.event('demo', 'evt-1')).toEqual({ pk: 'E#demo#evt-1',
      sk: 'E' });
    expect(keys.event('other', 'evt-1').pk).toBe('E#other#evt-1');
  });
});
