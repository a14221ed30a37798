import { describe, expect, it } from 'vitest';
import { duration, kib, mib, ms, num, ratio } from '../../bench/report/format';
import { renderTable, renderTargets } from '../../bench/report/table';
import { pairLatencies } from '../../bench/browser/keystrokes';

describe('bench report formatting', () => {
  it('groups thousands and keeps the asked decimals', () => {
    expect(num(1234567)).toBe('1,234,567');
    expect(num(1234.5678, 2)).toBe('1,234.57');
    expect(num(undefined)).toBe('–');
    expect(num(Number.NaN)).toBe('–');
  });

  it('shows milliseconds with the precision their size deserves', () => {
    expect(ms(0.4213)).toBe('0.42 ms');
    expect(ms(3.14)).toBe('3.1 ms');
    expect(ms(27.4)).toBe('27 ms');
    expect(ms(1234)).toBe('1,234 ms');
  });

  it('has no ratio where a side is missing or zero', () => {
    expect(ratio(110, 100)).toBe('1.10×');
    expect(ratio(1, 0)).toBe('–');
    expect(ratio(undefined, 3)).toBe('–');
  });

  it('formats sizes and durations', () => {
    expect(mib(3 * 2 ** 20)).toBe('3.0 MiB');
    expect(kib(1536)).toBe('1.5 KiB');
    expect(duration(38.24)).toBe('38.2 s');
    expect(duration(161)).toBe('2 min 41 s');
  });

  it('renders a Markdown table whose columns line up, numbers right-aligned', () => {
    const text = renderTable(
      [{ title: 'relay' }, { title: 'p50', align: 'right' }],
      [
        ['Duet', '0.25 ms'],
        ['Socket.IO', '1.1 ms'],
      ],
    );
    expect(text.split('\n')).toEqual(['| relay     |     p50 |', '|-----------|--------:|', '| Duet      | 0.25 ms |', '| Socket.IO |  1.1 ms |']);
  });

  it('refuses a row with the wrong number of cells rather than printing a skewed table', () => {
    expect(() => renderTable([{ title: 'a' }], [['1', '2']])).toThrow(/2 cells/);
  });

  it('says met, missed or not measured for each target', () => {
    const text = renderTargets([
      { what: 'cpu ≤ 1.10× bare', measured: '1.04×', met: true },
      { what: 'capacity ≥ bare', measured: '0.85×', met: false },
      { what: 'late join', measured: '–', met: undefined },
    ]);
    expect(text).toBe(
      ['target: cpu ≤ 1.10× bare — MET (measured 1.04×)', 'target: capacity ≥ bare — MISSED (measured 0.85×)', 'target: late join — NOT MEASURED (measured –)'].join('\n'),
    );
  });
});

describe('keystroke pairing', () => {
  it('pairs the n-th keydown with the n-th character to arrive, and drops keys that never arrived', () => {
    expect(pairLatencies([0, 100, 200], [15, 118])).toEqual([15, 18]);
  });
});
