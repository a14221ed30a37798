import type { TerminalSize } from './contract';

/**
 * The pty sizes Duet accepts, in character cells: the one bound that the host-call schema,
 * the host's terminal and the renderer's fitting all apply. Smaller is unusable, larger is
 * no real screen and only costs the mirror memory.
 */
export const TERMINAL_SIZE_BOUNDS = {
  cols: { min: 2, max: 1000 },
  rows: { min: 1, max: 500 },
} as const;

/** Why `value` is not an accepted terminal size, or undefined when it is one. */
export function terminalSizeProblem(value: unknown): string | undefined {
  const { cols, rows } = TERMINAL_SIZE_BOUNDS;
  const size = value as Partial<TerminalSize> | null;
  const within = (n: unknown, bound: { min: number; max: number }) =>
    typeof n === 'number' && Number.isInteger(n) && n >= bound.min && n <= bound.max;
  if (typeof size === 'object' && size !== null && within(size.cols, cols) && within(size.rows, rows)) return undefined;
  return `terminal size must be integers within ${cols.min}..${cols.max} cols and ${rows.min}..${rows.max} rows, got ${JSON.stringify(value)}`;
}

/** The nearest accepted size to a measured one (fractions round down). */
export function clampTerminalSize(size: TerminalSize): TerminalSize {
  const clamp = (n: number, bound: { min: number; max: number }) => Math.max(bound.min, Math.min(bound.max, Math.floor(n)));
  return { cols: clamp(size.cols, TERMINAL_SIZE_BOUNDS.cols), rows: clamp(size.rows, TERMINAL_SIZE_BOUNDS.rows) };
}
