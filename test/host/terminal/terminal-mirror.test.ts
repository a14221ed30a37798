import headless from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { TerminalMirror } from '../../../src/host/terminal/terminal-mirror';

const { Terminal } = headless;
type Headless = InstanceType<typeof Terminal>;

const SIZE = { cols: 40, rows: 10 };

function mirror(overrides: Partial<ConstructorParameters<typeof TerminalMirror>[0]> = {}): TerminalMirror {
  return new TerminalMirror({ size: SIZE, ringBytes: 4096, scrollback: 100, maxSnapshotBytes: 256 * 1024, ...overrides });
}

function fresh(): Headless {
  return new Terminal({ ...SIZE, scrollback: 100, allowProposedApi: true });
}

function write(terminal: Headless, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => terminal.write(data, resolve));
}

/** What a person sees: every line of the buffer (scrollback included) and the cursor. */
function screen(terminal: Headless): { lines: string[]; cursor: [number, number]; base: number } {
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
  return { lines, cursor: [buffer.cursorX, buffer.cursorY], base: buffer.baseY };
}

/** Colored text, cursor moves, an erase and enough lines to scroll. */
const SCENE = [
  '\x1b[31mred\x1b[0m plain \x1b[1;44mbold on blue\x1b[0m\r\n',
  ...Array.from({ length: 14 }, (_, i) => `line ${i} \x1b[3${i % 8}mcolor ${i}\x1b[0m\r\n`),
  '\x1b[5;10Hmoved here\x1b[2;1H\x1b[Kerased line two',
  '\x1b[8;3H\x1b[7mreverse\x1b[0m',
].join('');

describe('terminal mirror', () => {
  it('a snapshot written into a fresh terminal of the same size shows the same screen and cursor', async () => {
    const live = mirror();
    const reference = fresh();
    live.write(Buffer.from(SCENE));
    await write(reference, SCENE);
    const snapshot = await live.snapshot();
    expect(snapshot).toMatchObject({ kind: 'snapshot', seq: Buffer.byteLength(SCENE), ...SIZE });
    const restored = fresh();
    await write(restored, snapshot.data);
    expect(screen(restored)).toEqual(screen(reference));
    // Attributes survive too: the "r" of "red" is red, "reverse" is inverse.
    const restoredLine = restored.buffer.active.getLine(restored.buffer.active.baseY + 7);
    expect(restoredLine?.getCell(2)?.isInverse()).toBeTruthy();
    live.dispose();
  });

  it('a snapshot taken mid-stream stands exactly at its seq', async () => {
    const live = mirror({ ringBytes: 1 << 20 });
    const reference = fresh();
    const chunks = Array.from({ length: 200 }, (_, i) => Buffer.from(`\x1b[3${i % 8}mchunk ${i}\x1b[0m ${'.'.repeat(i % 30)}\r\n`));
    const pending: Promise<Awaited<ReturnType<TerminalMirror['snapshot']>>>[] = [];
    chunks.forEach((chunk, i) => {
      live.write(chunk);
      if (i % 50 === 25) pending.push(live.snapshot());
    });
    const all = Buffer.concat(chunks);
    await write(reference, all);
    for (const snapshot of await Promise.all(pending)) {
      const restored = fresh();
      await write(restored, snapshot.data);
      // Bytes after the snapshot's seq complete the picture: nothing doubled, nothing missing.
      await write(restored, all.subarray(snapshot.seq));
      expect(screen(restored).lines.slice(-SIZE.rows)).toEqual(screen(reference).lines.slice(-SIZE.rows));
      expect(screen(restored).cursor).toEqual(screen(reference).cursor);
    }
    live.dispose();
  });

  it('answers "since N" with exactly the bytes after N while the ring holds them', async () => {
    const live = mirror({ ringBytes: 1000 });
    const stream = Buffer.from(Array.from({ length: 90 }, (_, i) => `${i}:abcdef\n`).join(''));
    for (let at = 0; at < stream.length; at += 37) live.write(stream.subarray(at, at + 37));
    expect(live.seq()).toBe(stream.length);
    const since = stream.length - 500;
    expect(await live.catchUp(since)).toEqual({ kind: 'bytes', seq: since, data: new Uint8Array(stream.subarray(since)) });
    expect(await live.catchUp(stream.length)).toEqual({ kind: 'bytes', seq: stream.length, data: new Uint8Array(0) });
    live.dispose();
  });

  it('falls back to a snapshot when N is older than the ring or in the future', async () => {
    const live = mirror({ ringBytes: 1000 });
    const stream = Buffer.from(Array.from({ length: 300 }, (_, i) => `row ${i}\r\n`).join(''));
    live.write(stream);
    const old = await live.catchUp(0);
    expect(old).toMatchObject({ kind: 'snapshot', seq: stream.length, ...SIZE });
    expect(old.kind === 'snapshot' && old.data).toContain('row 299');
    expect(await live.catchUp(stream.length + 1)).toMatchObject({ kind: 'snapshot', seq: stream.length });
    live.dispose();
  });

  it('keeps snapshots under the size budget by cutting scrollback, never the screen', async () => {
    const live = mirror({ scrollback: 1000, maxSnapshotBytes: 4000 });
    for (let i = 0; i < 1000; i++) live.write(Buffer.from(`\x1b[3${i % 8};4${(i + 1) % 8}m${String(i).padStart(4, '0')} ${'#'.repeat(30)}\x1b[0m\r\n`));
    const snapshot = await live.snapshot();
    expect(Buffer.byteLength(snapshot.data)).toBeLessThanOrEqual(4000);
    const restored = fresh();
    await write(restored, snapshot.data);
    const lines = screen(restored).lines;
    expect(lines.at(-2)).toContain('0999');
    live.dispose();
  });
});
