import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import type { IPty } from 'node-pty';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveHostLimits } from '../../../src/host/host-limits';
import { SharedTerminal } from '../../../src/host/terminal/shared-terminal';
import { nextEvent, waitUntil } from '../../support/wait';
import { OutputLog } from '../support';

type DataListener = (data: Buffer) => void;
type ExitListener = (exit: { exitCode: number; signal?: number }) => void;

/**
 * A pty whose output and exit the test plays. Its pid is a real `sleep` in a session of its
 * own (as a pty's shell is), so the sweep SharedTerminal runs after an exit ends it and
 * nothing else: never the test runner's own process group.
 */
class FakePty {
  readonly data = new Set<DataListener>();
  readonly exit = new Set<ExitListener>();
  constructor(readonly pid: number) {}
  onData(listener: DataListener) {
    this.data.add(listener);
    return { dispose: () => this.data.delete(listener) };
  }
  onExit(listener: ExitListener) {
    this.exit.add(listener);
    return { dispose: () => this.exit.delete(listener) };
  }
  print(text: string): void {
    for (const listener of [...this.data]) listener(Buffer.from(text));
  }
  end(exitCode: number): void {
    for (const listener of [...this.exit]) listener({ exitCode });
  }
  write(): void {}
  resize(): void {}
  pause(): void {}
  resume(): void {}
  kill(): void {}
}

const children: ChildProcess[] = [];
const terminals: SharedTerminal[] = [];
afterEach(async () => {
  for (const terminal of terminals.splice(0)) await terminal.dispose();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Disposes the terminal as a real pty would let it: the shell is killed, then its exit reported. */
async function disposeWhileRunning(terminal: SharedTerminal, pty: FakePty): Promise<void> {
  const disposed = terminal.dispose();
  const shell = children.find((child) => child.pid === pty.pid)!;
  await waitUntil(() => shell.exitCode !== null || shell.signalCode !== null, 5_000, 'the shell process killed');
  pty.end(0);
  await disposed;
}

function terminalWithFakePtys(): { terminal: SharedTerminal; ptys: FakePty[] } {
  const ptys: FakePty[] = [];
  const terminal = new SharedTerminal({
    shell: '/bin/sh',
    shellArgs: [],
    env: {},
    cwd: async () => process.cwd(),
    limits: resolveHostLimits({ coalesceMs: 0, killGraceMs: 50 }),
    spawn: (() => {
      const sleeper = spawnProcess('sleep', ['30'], { stdio: 'ignore', detached: true });
      children.push(sleeper);
      const pty = new FakePty(sleeper.pid!);
      ptys.push(pty);
      return pty as unknown as IPty;
    }) as never,
  });
  terminals.push(terminal);
  return { terminal, ptys };
}

describe('host terminal: its listeners on the pty', () => {
  it('are released when the shell exits, so nothing the old pty says reaches the restarted shell’s stream', async () => {
    const { terminal, ptys } = terminalWithFakePtys();
    const log = new OutputLog();
    terminal.onOutput(log.listener);
    await terminal.open({ cols: 80, rows: 24 });
    const first = ptys[0]!;
    expect([first.data.size, first.exit.size]).toEqual([1, 1]);
    first.print('before exit ');
    await log.waitFor('before exit');

    const exited = nextEvent((listener) => terminal.onExit(listener), 5_000, 'exit');
    first.end(0);
    await exited;
    expect([first.data.size, first.exit.size]).toEqual([0, 0]);

    await terminal.open({ cols: 80, rows: 24 });
    const second = ptys[1]!;
    first.print('stale ');
    first.end(1);
    second.print('fresh shell');
    await log.waitFor('fresh shell');
    expect(log.text()).not.toContain('stale');
    expect(terminal.info().running).toBe(true);
    await disposeWhileRunning(terminal, second);
  });

  it('are released when the terminal is disposed with its shell still running', async () => {
    const { terminal, ptys } = terminalWithFakePtys();
    await terminal.open({ cols: 80, rows: 24 });
    const pty = ptys[0]!;
    await disposeWhileRunning(terminal, pty);
    expect([pty.data.size, pty.exit.size]).toEqual([0, 0]);
  });
});
