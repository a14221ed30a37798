import { describe, expect, it } from 'vitest';
import { HOST_CALLS } from '../../../src/shared/host-api/host-calls';
import { TERMINAL_SIZE_BOUNDS, clampTerminalSize, terminalSizeProblem } from '../../../src/shared/host-api/terminal-size';

const { cols, rows } = TERMINAL_SIZE_BOUNDS;
const edges = [
  { cols: cols.min, rows: rows.min },
  { cols: cols.max, rows: rows.max },
  { cols: cols.min - 1, rows: 24 },
  { cols: cols.max + 1, rows: 24 },
  { cols: 80, rows: rows.min - 1 },
  { cols: 80, rows: rows.max + 1 },
  { cols: 80.5, rows: 24 },
];

describe('terminal size bounds', () => {
  it('accept the edges and refuse one past them, saying what the bounds are', () => {
    expect(edges.map((size) => terminalSizeProblem(size) === undefined)).toEqual([true, true, false, false, false, false, false]);
    expect(terminalSizeProblem({ cols: 0, rows: 0 })).toMatch(/2\.\.1000 cols and 1\.\.500 rows/);
    expect(terminalSizeProblem(null)).toBeDefined();
  });

  it('are the bounds the host-call schema checks', () => {
    for (const size of edges) {
      expect(HOST_CALLS['terminal:resize'].args.safeParse([size]).success, JSON.stringify(size)).toBe(terminalSizeProblem(size) === undefined);
    }
  });

  it('clamp a measured size into range', () => {
    expect(clampTerminalSize({ cols: 1.7, rows: 9000 })).toEqual({ cols: cols.min, rows: rows.max });
    expect(clampTerminalSize({ cols: 80.9, rows: 24.2 })).toEqual({ cols: 80, rows: 24 });
  });
});
