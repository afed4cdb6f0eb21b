/** A printed table: a title, column headings and rows of cells. */
export interface Table {
  title: string;
  headings: readonly string[];
  rows: readonly (readonly string[])[];
  notes?: readonly string[];
}

/**
 * Lays a table out in fixed-width columns: the first column left-aligned
 * (it names the row), the figures right-aligned so digits line up.
 */
export function formatTable(table: Table): string {
  const widths = table.headings.map((heading, column) =>
    Math.max(heading.length,
      ...table.rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells
    .map((cell, column) => column === 0
      ? cell.padEnd(widths[column] ?? 0)
      : cell.padStart(widths[column] ?? 0))
    .join('  ')
    .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');

  return [
    table.title,
    line(table.headings),
    rule,
    ...table.rows.map(line),
    ...(table.notes ?? []).map((note) => `  ${note}`),
  ].join('\n');
}

/** A number with thousands separators and a fixed number of decimals. */
export function fmt(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** Dollars with cents, or with more places when below a cent. */
export function usd(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const decimals = Math.abs(value) >= 1 ? 2 : 4;
  return `$${fmt(value, decimals)}`;
}
