import { afterEach, describe, expect, it } from 'vitest';
import type { HostLimits } from '../../../src/host/host-limits';
import { resolveHostLimits } from '../../../src/host/host-limits';
import { SharedTerminal } from '../../../src/host/terminal/shared-terminal';
import { shellEnvironment } from '../../../src/host/user-shell';
import type { TerminalChunk } from '../../../src/shared/host-api';
import { OutputLog, TEST_SHELL, tempRoot } from '../support';

const disposers: (() => Promise<void>)[] = [];

async function terminal(limits: Partial<HostLimits> = {}): Promise<{ terminal: SharedTerminal; log: OutputLog }> {
  const { root, remove } = await tempRoot();
  const shared = new SharedTerminal({
    ...TEST_SHELL,
    env: shellEnvironment(process.env, { PS1: '$ ' }),
    cwd: async () => root,
    limits: resolveHostLimits({ killGraceMs: 100, ...limits }),
  });
  disposers.push(async () => {
    await shared.dispose();
    await remove();
  });
  const log = new OutputLog();
  shared.onOutput(log.listener);
  await shared.open({ cols: 80, rows: 24 });
  return { terminal: shared, log };
}

function expectContiguous(chunks: TerminalChunk[], from = 0): void {
  let next = from;
  for (const chunk of chunks) {
    expect(chunk.seq).toBe(next);
    next += chunk.data.length;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

afterEach(async () => {
  while (disposers.length > 0) await disposers.pop()!();
});

describe('terminal streaming', () => {
  it('coalesces a burst of tiny writes into few chunks with contiguous seqs', async () => {
    const { terminal: shared, log } = await terminal();
    await shared.write('for i in $(seq 1 3000); do printf x; done; echo; echo burst-done\r');
    await log.waitFor(/x{3000}\r\nburst-done/);
    expectContiguous(log.chunks);
    // 3000 separate one-byte writes by the shell; a chunk per write would be 3000 chunks.
    expect(log.chunks.length).toBeLessThan(300);
    expect(Math.max(...log.chunks.map((chunk) => chunk.data.length))).toBeLessThanOrEqual(16 * 1024);
  });

  it('delivers a keystroke echo within a few milliseconds', async () => {
    const { terminal: shared, log } = await terminal();
    await log.waitFor('$ ');
    await sleep(50);
    const before = log.chunks.length;
    const typed = Date.now();
    await shared.write('z');
    await until(() => log.chunks.length > before && log.text().endsWith('z'), 1000);
    // Generous for a loaded 2-core machine; the coalescer unit test pins the 4 ms delay itself.
    expect(Date.now() - typed).toBeLessThan(200);
  });

  it('cuts a flood into chunks of at most maxChunkBytes', async () => {
    const { terminal: shared, log } = await terminal({ maxChunkBytes: 1024 });
    await shared.write('head -c 300000 /dev/zero | tr "\\0" "y"; echo; echo flood-$((40+2))-done\r');
    await log.waitFor('flood-42-done');
    expectContiguous(log.chunks);
    expect(Math.max(...log.chunks.map((chunk) => chunk.data.length))).toBeLessThanOrEqual(1024);
  });

  it('catchUp(N) returns exactly the bytes after N, and a snapshot once N left the ring', async () => {
    const { terminal: shared, log } = await terminal({ ringBytes: 8192, maxChunkBytes: 1024 });
    await shared.write('for i in $(seq 1 60); do echo "line $i"; done\r');
    await log.waitFor('line 60');
    await sleep(20);
    const all = Buffer.concat(log.chunks.map((chunk) => Buffer.from(chunk.data)));
    const end = shared.info().seq;
    expect(end).toBe(all.length);
    const since = Math.floor(end / 2);
    const bytes = await shared.catchUp(since);
    expect(bytes).toEqual({ kind: 'bytes', seq: since, data: new Uint8Array(all.subarray(since)) });

    await shared.write('head -c 20000 /dev/zero | tr "\\0" "q"; echo; echo after-$((40+2))-flood\r');
    await log.waitFor('after-42-flood');
    const snapshot = await shared.catchUp(since);
    expect(snapshot).toMatchObject({ kind: 'snapshot', cols: 80, rows: 24 });
    expect(snapshot.seq).toBeGreaterThan(since);
    expect(snapshot.kind === 'snapshot' && snapshot.data).toContain('after-42-flood');
  });

  it('pauses the pty when nobody acknowledges a flood, keeps backlogs bounded, and resumes on ack', async () => {
    const limits = { ackHighBytes: 64 * 1024, ackLowBytes: 16 * 1024, maxChunkBytes: 4096 };
    const { terminal: shared, log } = await terminal(limits);
    await shared.write('yes\r');
    await until(() => shared.stats().paused);
    expect(shared.stats().pausedBy).toContain('renderer');
    await sleep(300);
    const stalled = shared.stats();
    await sleep(300);
    const later = shared.stats();
    // Paused: the stream stops growing (a read already in flight may still land).
    expect(later.seq - stalled.seq).toBeLessThanOrEqual(64 * 1024);
    for (const stats of [stalled, later]) {
      expect(stats.unackedBytes).toBeLessThanOrEqual(limits.ackHighBytes + 2 * 64 * 1024);
      expect(stats.coalescingBytes).toBeLessThanOrEqual(limits.maxChunkBytes);
    }
    // The renderer catches up: the pty flows again.
    shared.ack(later.unackedBytes);
    expect(shared.stats().paused).toBe(false);
    await until(() => shared.stats().seq > later.seq + 64 * 1024);
    // A view that re-attaches (open) starts with nothing in flight.
    await until(() => shared.stats().paused);
    await shared.open({ cols: 80, rows: 24 });
    expect(shared.stats()).toMatchObject({ unackedBytes: 0 });
    // Stop the flood, acknowledging everything so the Ctrl-C echo can get through.
    const acker = shared.onOutput((chunk) => shared.ack(chunk.data.length));
    shared.ack(shared.stats().unackedBytes);
    await shared.write('\x03');
    await shared.write('echo flood-$((40+2))-over\r');
    await log.waitFor('flood-42-over', 10_000);
    acker();
  });

  it('keeps the mirror from falling behind: its unparsed backlog stays bounded', async () => {
    const limits = { mirrorHighBytes: 32 * 1024, mirrorLowBytes: 8 * 1024, maxChunkBytes: 4096 };
    const { terminal: shared, log } = await terminal(limits);
    let worst = 0;
    shared.onOutput((chunk) => {
      shared.ack(chunk.data.length);
      worst = Math.max(worst, shared.stats().mirrorPendingBytes);
    });
    await shared.write('head -c 1000000 /dev/zero | tr "\\0" "m"; echo; echo mirror-$((40+2))-done\r');
    await log.waitFor('mirror-42-done', 15_000);
    expect(worst).toBeLessThanOrEqual(limits.mirrorHighBytes + 64 * 1024);
    expect(worst).toBeGreaterThan(0);
  });
});
