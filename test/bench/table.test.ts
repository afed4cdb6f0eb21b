import { describe, expect, it } from 'vitest';
import { fmt, formatTable, usd } from '../../bench/table';

describe('formatTable', () => {
  it('aligns names left and figures right under a ruled heading', () => {
    const text = formatTable({
      title: 'T',
      headings: ['path', 'events/s'],
      rows: [['Vigil', '1,234'], ['bare writes', '56']],
      notes: ['ratio 0.50'],
    });

    expect(text).toBe([
      'T',
      'path         events/s',
      '-----------  --------',
      'Vigil           1,234',
      'bare writes        56',
      '  ratio 0.50',
    ].join('\n'));
  });
});

describe('fmt and usd', () => {
  it('writes thousands separators and fixed decimals', () => {
    expect(fmt(1234567.891, 2)).toBe('1,234,567.89');
    expect(fmt(Number.NaN)).toBe('n/a');
  });

  it('shows cents, or four places below a dollar', () => {
    expect(usd(1.931)).toBe('$1.93');
    expect(usd(0.00205)).toBe('$0.0021');
  });
});
