import { describe, expect, it } from 'vitest';
import { itemBytes } from '../../bench/item-size';

describe('itemBytes', () => {
  it('counts attribute names and string values as UTF-8 bytes', () => {
    expect(itemBytes({ pk: 'A#x', note: 'héllo' })).toBe(2 + 3 + 4 + 6);
  });

  it('counts a number as one byte per two significant digits plus one', () => {
    // Leading and trailing zeros are not significant.
    expect(itemBytes({ n: 1733241601 })).toBe(1 + 5 + 1);
    expect(itemBytes({ n: 1733241600 })).toBe(1 + 4 + 1);
    expect(itemBytes({ n: 0.05 })).toBe(1 + 1 + 1);
  });

  it('counts booleans and nulls as one byte', () => {
    expect(itemBytes({ a: true, b: null })).toBe(1 + 1 + 1 + 1);
  });

  it('adds three bytes per list or map and one per element', () => {
    expect(itemBytes({ l: ['ab', 'c'] })).toBe(1 + 3 + (1 + 2) + (1 + 1));
    expect(itemBytes({ m: { k: 'v' } })).toBe(1 + 3 + (1 + 1 + 1));
  });

  it('leaves out attributes whose value is undefined', () => {
    expect(itemBytes({ pk: 'x', gone: undefined })).toBe(3);
  });
});
