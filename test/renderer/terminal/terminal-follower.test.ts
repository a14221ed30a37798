import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TerminalFollower, type TerminalSink } from '../../../src/renderer/terminal/terminal-follower';
import type { TerminalMessage } from '../../../src/shared/protocol/terminal/terminal-wire';

/** A screen that is plain text: what the follower decided to show, in order. */
class RecordingScreen implements TerminalSink {
  text = '';
  size = { cols: 80, rows: 24 };
  resets = 0;
  /** Render callbacks not yet run: a slow screen holds them until `render()`. */
  readonly waiting: (() => void)[] = [];
  constructor(private readonly slow = false) {}

  write(data: Uint8Array | string, done: () => void): void {
    this.text += typeof data === 'string' ? data : new TextDecoder().decode(data);
    if (this.slow) this.waiting.push(done);
    else done();
  }
  reset(): void {
    this.text = '';
    this.resets++;
  }
  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }
  render(): void {
    for (const done of this.waiting.splice(0)) done();
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);
const output = (seq: number, text: string): TerminalMessage => ({ kind: 'output', seq, data: bytes(text) });

describe('TerminalFollower', () => {
  let screen: RecordingScreen;
  let requests: number[];
  let follower: TerminalFollower;

  beforeEach(() => {
    vi.useFakeTimers();
    screen = new RecordingScreen();
    requests = [];
    follower = new TerminalFollower(screen, (seq) => requests.push(seq), { retryMs: 1000 });
  });
  afterEach(() => {
    follower.dispose();
    vi.useRealTimers();
  });

  it('shows output that continues where the screen stands', () => {
    follower.receiveLive(output(0, 'hello '));
    follower.receiveLive(output(6, 'world'));
    expect(screen.text).toBe('hello world');
    expect(follower.seq).toBe(11);
    expect(requests).toEqual([]);
  });

  it('a fresh guest asks from 0, ignores live output until the answer, then follows on', () => {
    follower.resync();
    expect(requests).toEqual([0]);
    follower.receiveLive(output(0, 'early'));
    expect(screen.text).toBe('');
    follower.receiveAnswer(output(0, 'early+more'));
    follower.receiveLive(output(10, ' live'));
    expect(screen.text).toBe('early+more live');
  });

  it('writes only the new tail of an overlapping chunk and ignores what it already has', () => {
    follower.receiveLive(output(0, 'abcdef'));
    follower.receiveLive(output(3, 'defghi'));
    follower.receiveLive(output(2, 'cd'));
    expect(screen.text).toBe('abcdefghi');
    expect(follower.seq).toBe(9);
  });

  it('asks once for the missing bytes on a gap and drops live output until they come', () => {
    follower.receiveLive(output(0, 'one '));
    follower.receiveLive(output(10, 'three '));
    follower.receiveLive(output(16, 'four '));
    expect(requests).toEqual([4]);
    expect(screen.text).toBe('one ');
    expect(follower.isAwaitingResync).toBe(true);
    // The answer covers the gap and everything the host had sent meanwhile.
    follower.receiveAnswer(output(4, 'two!! three four '));
    follower.receiveLive(output(21, 'five'));
    expect(screen.text).toBe('one two!! three four five');
    expect(follower.isAwaitingResync).toBe(false);
  });

  it('accepts an answer split into several pieces', () => {
    follower.resync();
    follower.receiveAnswer(output(0, 'first '));
    follower.receiveAnswer(output(6, 'second '));
    follower.receiveAnswer(output(13, 'third'));
    follower.receiveLive(output(18, '!'));
    expect(screen.text).toBe('first second third!');
  });

  it('replaces the screen with a snapshot, takes its size and continues from its seq', () => {
    follower.receiveLive(output(0, 'stale'));
    follower.receiveLive(output(9000, 'x'));
    expect(requests).toEqual([5]);
    follower.receiveAnswer({ kind: 'snapshot', seq: 9000, cols: 100, rows: 30, data: 'screen@9000' });
    follower.receiveLive(output(9000, ' next'));
    expect(screen.text).toBe('screen@9000 next');
    expect(screen.size).toEqual({ cols: 100, rows: 30 });
    expect(screen.resets).toBe(1);
    expect(follower.seq).toBe(9005);
  });

  it('follows the host size from RESIZE messages', () => {
    follower.receiveLive({ kind: 'resize', cols: 132, rows: 43 });
    expect(screen.size).toEqual({ cols: 132, rows: 43 });
  });

  it('asks again when an answer does not come, less and less often', () => {
    follower.resync();
    expect(requests).toEqual([0]);
    vi.advanceTimersByTime(999);
    expect(requests).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(requests).toEqual([0, 0]);
    vi.advanceTimersByTime(1999);
    expect(requests).toEqual([0, 0]);
    vi.advanceTimersByTime(1);
    expect(requests).toEqual([0, 0, 0]);
    follower.receiveAnswer(output(0, 'ok'));
    vi.advanceTimersByTime(60_000);
    expect(requests).toEqual([0, 0, 0]);
  });

  it('asks again on every resync() (welcome, relay dropped frames) from where it stands', () => {
    follower.receiveLive(output(0, 'abc'));
    follower.resync();
    follower.resync();
    expect(requests).toEqual([3, 3]);
  });

  it('an empty answer (already up to date) ends the wait', () => {
    follower.receiveLive(output(0, 'abc'));
    follower.resync();
    follower.receiveAnswer(output(3, ''));
    follower.receiveLive(output(3, 'd'));
    expect(screen.text).toBe('abcd');
  });

  it('reports rendered or dropped bytes through done, exactly once per message', () => {
    const done = vi.fn();
    follower.receiveLive(output(0, 'abc'), done);
    follower.receiveLive(output(0, 'abc'), done); // duplicate
    follower.receiveLive(output(50, 'gap'), done); // gap → dropped
    follower.receiveLive(output(53, 'more'), done); // awaiting → dropped
    expect(done).toHaveBeenCalledTimes(4);
  });

  it('does nothing after dispose', () => {
    follower.dispose();
    follower.receiveLive(output(0, 'x'));
    follower.resync();
    expect(screen.text).toBe('');
    expect(requests).toEqual([]);
  });
});

describe('TerminalFollower on a slow screen', () => {
  it('stops taking live output above the high watermark and resyncs once drained', () => {
    vi.useFakeTimers();
    const screen = new RecordingScreen(true);
    const requests: number[] = [];
    const follower = new TerminalFollower(screen, (seq) => requests.push(seq), {
      highWatermarkBytes: 10,
      lowWatermarkBytes: 4,
    });
    follower.receiveLive(output(0, '0123456789AB')); // 12 bytes pending > 10
    follower.receiveLive(output(12, 'CD')); // dropped: too far behind
    follower.receiveLive(output(14, 'EF'));
    expect(follower.isBehind).toBe(true);
    expect(follower.unrenderedBytes).toBe(12);
    expect(requests).toEqual([]);
    screen.render();
    expect(follower.unrenderedBytes).toBe(0);
    expect(requests).toEqual([12]);
    follower.receiveLive(output(16, 'GH')); // still waiting for the answer
    follower.receiveAnswer({ kind: 'snapshot', seq: 18, cols: 80, rows: 24, data: 'SNAP' });
    follower.receiveLive(output(18, 'IJ'));
    screen.render();
    expect(screen.text).toBe('SNAPIJ');
    expect(follower.isBehind).toBe(false);
    follower.dispose();
    vi.useRealTimers();
  });

  it('rejects contradictory watermarks', () => {
    expect(() => new TerminalFollower(new RecordingScreen(), () => undefined, { highWatermarkBytes: 1, lowWatermarkBytes: 2 })).toThrow(
      /lowWatermarkBytes/,
    );
  });
});
