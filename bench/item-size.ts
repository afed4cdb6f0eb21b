/**
 * The size DynamoDB bills an item at, from its values as the document
 * client holds them, by the sizing rules of the DynamoDB Developer Guide:
 * names and strings count their UTF-8 bytes, numbers one byte per two
 * significant digits plus one, booleans and nulls one byte, and maps and
 * lists three bytes plus one byte per element.
 */
export function itemBytes(item: Readonly<Record<string, unknown>>): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value !== undefined) total += utf8(name) + valueBytes(value);
  }
  return total;
}

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    return numberBytes(String(value));
  }
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return sum([...value].map(valueBytes));
  if (Array.isArray(value)) {
    return 3 + sum(value.map((element) => 1 + valueBytes(element)));
  }
  if (typeof value === 'object') {
    return 3 + sum(Object.entries(value)
      .filter(([, element]) => element !== undefined)
      .map(([name, element]) => 1 + utf8(name) + valueBytes(element)));
  }
  return 0;
}

function numberBytes(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '')
    .replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
