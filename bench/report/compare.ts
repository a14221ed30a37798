import { RELAY_KINDS, RELAY_LABELS, type RelayKind } from '../load/target';
import { ratio } from './format';
import type { Column } from './table';

/** The columns of a relay comparison: what was measured, each relay, and Duet's ratios. */
export function comparisonColumns(first: string[]): Column[] {
  return [
    ...first.map((title) => ({ title })),
    ...RELAY_KINDS.map((kind) => ({ title: RELAY_LABELS[kind], align: 'right' as const })),
    { title: 'Duet/bare', align: 'right' },
    { title: 'Duet/Socket.IO', align: 'right' },
  ];
}

/** One comparison row: leading cells, each relay's figure as text, and the ratios of the raw values. */
export function comparisonRow(
  first: string[],
  values: Partial<Record<RelayKind, number>>,
  format: (value: number | undefined) => string,
): string[] {
  return [...first, ...RELAY_KINDS.map((kind) => format(values[kind])), ratio(values.duet, values.bare), ratio(values.duet, values.socketio)];
}
