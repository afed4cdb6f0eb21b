import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/rules/catalogue';
import { RuleBook, RuleBookError } from '../../shared/rules/rule-book';

const parseError = (json: string): RuleBookError => {
  try {
    RuleBook.parse(json);
  } catch (error) {
    if (error instanceof RuleBookError) return error;
    throw error;
  }
  return expect.fail('expected the rules document to be refused');
};

const document = (body: object) =>
  JSON.stringify({ schemaVersion: 1, ...body });

describe('RuleBook merging', () => {
  it('gives every platform the shipped defaults when nothing overrides', () => {
    const book = RuleBook.parse(document({}));

    expect(book.settingsFor('demo')).toEqual(DEFAULT_SETTINGS);
    expect(RuleBook.defaults().settingsFor('demo')).toEqual(DEFAULT_SETTINGS);
  });

  it('applies document defaults to every platform', () => {
    const book = RuleBook.parse(document({ defaults: { rules: {
      'rejected-by-minors': { minDistinctMinors: 6 },
    } } }));

    expect(book.settingsFor('demo').rules['rejected-by-minors'])
      .toEqual({ ...DEFAULT_SETTINGS.rules['rejected-by-minors'],
        minDistinctMinors: 6 });
  });

  it('layers a platform override on the document defaults', () => {
    const book = RuleBook.parse(document({
      defaults: { rules: { 'rejected-by-minors': { minDistinctMinors: 6 } } },
      platforms: { 'kids-chat': { rules: {
        'rejected-by-minors': { windowDays: 60 },
      } } },
    }));

    const kids = book.settingsFor('kids-chat').rules['rejected-by-minors'];
    const other = book.settingsFor('demo').rules['rejected-by-minors'];

    expect(kids).toMatchObject({ minDistinctMinors: 6, windowDays: 60 });
    expect(other).toMatchObject({ minDistinctMinors: 6, windowDays: 30 });
  });

  it('leaves the other rules of an overridden platform at the defaults', () => {
    const book = RuleBook.parse(document({ platforms: { 'kids-chat': {
      rules: { 'rejected-by-minors': { enabled: false } },
    } } }));

    const rules = book.settingsFor('kids-chat').rules;

    expect(rules['rejected-by-minors'].enabled).toBe(false);
    expect(rules['blocked-or-reported-by-minors'])
      .toEqual(DEFAULT_SETTINGS.rules['blocked-or-reported-by-minors']);
  });

  it('replaces an age band list rather than adding to it', () => {
    const book = RuleBook.parse(document({ platforms: { 'kids-chat': {
      ageBands: { minor: ['under_13', 'unknown'] },
    } } }));

    expect(book.settingsFor('kids-chat').ageBands).toEqual({
      adult: ['18_plus'],
      minor: ['under_13', 'unknown'],
    });
  });

  it('accepts unknown counted as adult on one platform', () => {
    const book = RuleBook.parse(document({ platforms: { 'kids-chat': {
      ageBands: { adult: ['18_plus', 'unknown'] },
    } } }));

    expect(book.settingsFor('kids-chat').ageBands.adult).toContain('unknown');
    expect(book.settingsFor('demo').ageBands.adult).toEqual(['18_plus']);
  });
});

describe('RuleBook refusals', () => {
  it('names the path of a misspelt threshold', () => {
    const error = parseError(document({ defaults: { rules: {
      'rejected-by-minors': { minDistinctMinor: 6 },
    } } }));

    expect(error.message).toBe('defaults.rules.rejected-by-minors: ' +
      'Unrecognized key: "minDistinctMinor"');
  });

  it('names the platform of an unknown rule id', () => {
    const error = parseError(document({ platforms: { 'kids-chat': {
      rules: { 'no-such-rule': {} },
    } } }));

    expect(error.message).toBe(
      'platforms.kids-chat.rules: Unrecognized key: "no-such-rule"');
  });

  it('refuses an unknown top-level section of a platform', () => {
    const error = parseError(document({ platforms: { 'kids-chat': {
      rulez: {},
    } } }));

    expect(error.message)
      .toBe('platforms.kids-chat: Unrecognized key: "rulez"');
  });

  it('refuses a platform that makes a band both adult and minor', () => {
    const error = parseError(document({ platforms: { 'kids-chat': {
      ageBands: { adult: ['18_plus', '16_17'] },
    } } }));

    expect(error.message).toBe('rules for platform "kids-chat": ageBands: ' +
      'an age band cannot be both adult and minor');
  });

  it('refuses defaults that make a band both adult and minor', () => {
    const error = parseError(document({ defaults: {
      ageBands: { minor: ['18_plus'] },
    } }));

    expect(error.message).toBe('rules for defaults: ageBands: ' +
      'an age band cannot be both adult and minor');
  });

  it('refuses a high count below the medium one, found at load time', () => {
    const error = parseError(document({ platforms: { 'kids-chat': { rules: {
      'unconnected-minor-contact': { highAtDistinctMinors: 5 },
    } } } }));

    expect(error.message).toBe('rules for platform "kids-chat": ' +
      'rules.unconnected-minor-contact.highAtDistinctMinors: ' +
      'highAtDistinctMinors must not be below mediumAtDistinctMinors');
  });

  it('lists every problem at once', () => {
    const error = parseError(document({ defaults: { rules: {
      'rejected-by-minors': { windowDays: 0, minRejectedShare: 2 },
    } } }));

    expect(error.message.split('; ')).toEqual([
      'defaults.rules.rejected-by-minors.windowDays: ' +
        'Too small: expected number to be >=1',
      'defaults.rules.rejected-by-minors.minRejectedShare: ' +
        'Too big: expected number to be <=1',
    ]);
  });

  it('says why a platform id is refused', () => {
    const error = parseError(document({ platforms: { 'Kids Chat': {} } }));

    expect(error.message).toBe('platforms.Kids Chat: platform id must be ' +
      '1 to 63 lower-case letters, digits or hyphens, starting with a ' +
      'letter or digit');
  });

  it('refuses a schema version it does not know', () => {
    const error = parseError(JSON.stringify({ schemaVersion: 2 }));

    expect(error.message).toBe('schemaVersion: Invalid input: expected 1');
  });

  it('says when the document is not JSON', () => {
    const error = parseError('{"schemaVersion": 1,');

    expect(error.name).toBe('RuleBookError');
    expect(error.message).toMatch(/^rules document is not JSON: SyntaxError/);
  });

  it('says when the document is not an object', () => {
    expect(parseError('[]').message)
      .toBe('(root): Invalid input: expected object, received array');
  });
});
