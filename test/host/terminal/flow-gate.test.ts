import { describe, expect, it } from 'vitest';
import { FlowGate } from '../../../src/host/terminal/flow-gate';

describe('flow gate', () => {
  it('pauses above high, stays paused until below low, per backlog', () => {
    const calls: boolean[] = [];
    const gate = new FlowGate({ renderer: { high: 100, low: 10 }, mirror: { high: 50, low: 5 } }, (paused) => calls.push(paused));
    gate.update('renderer', 100);
    expect(calls).toEqual([]);
    gate.update('renderer', 101);
    expect(calls).toEqual([true]);
    gate.update('renderer', 50);
    expect(gate.isPaused()).toBe(true);
    gate.update('mirror', 60);
    gate.update('renderer', 9);
    // The renderer caught up, but the mirror still holds the pty.
    expect(gate.reasons()).toEqual(['mirror']);
    expect(calls).toEqual([true]);
    gate.update('mirror', 4);
    expect(calls).toEqual([true, false]);
  });
});
