/**
 * Tables as Markdown, padded so they read in a terminal and paste unchanged into
 * docs/benchmarks.md.
 */
export type Align = 'left' | 'right';

export interface Column {
  title: string;
  align?: Align;
}

/** Renders rows under a header; cells past the column count are an error in the caller. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`row has ${row.length} cells, table has ${columns.length} columns: ${row.join(' | ')}`);
  }
  const widths = columns.map((column, i) => Math.max(column.title.length, 3, ...rows.map((row) => row[i]!.length)));
  const pad = (text: string, i: number) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${columns.map((column, i) => (column.align === 'right' ? `${'-'.repeat(widths[i]! + 1)}:` : `${'-'.repeat(widths[i]! + 2)}`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

/** A target line: "target: … — MET (1.04× ≤ 1.10×)". */
export interface TargetCheck {
  what: string;
  /** The measured figure as text, e.g. "1.04×". */
  measured: string;
  /** undefined when the figure could not be measured in this run. */
  met: boolean | undefined;
}

/** One line per target, saying plainly met, missed or not measured. */
export function renderTargets(targets: readonly TargetCheck[]): string {
  return targets
    .map((t) => `target: ${t.what} — ${t.met === undefined ? 'NOT MEASURED' : t.met ? 'MET' : 'MISSED'} (measured ${t.measured})`)
    .join('\n');
}
