import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../src/host/index';
import type { SharedTerminal } from '../../src/host/shared-terminal';
import { resolveUserShell } from '../../src/host/user-shell';
import { OutputLog, TEST_SHELL, tempRoot } from './support';

describe('host terminal', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL });
    cleanup = remove;
  });

  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('runs the shell in the workspace and echoes what is typed', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    const info = await services.terminal.open({ cols: 100, rows: 30 });
    expect(info).toMatchObject({ running: true, cols: 100, rows: 30, shell: '/bin/bash', seq: 0 });
    expect(info.cwd).toMatch(/session-/);
    await services.terminal.write('echo hello-$((6*7)); pwd; echo TERM=$TERM\r');
    await log.waitFor(/hello-42/);
    await log.waitFor(`TERM=xterm-256color`);
    await log.waitFor(info.cwd);
  });

  it('resizes the pty', async () => {
    const log = new OutputLog();
    const sizes: unknown[] = [];
    services.terminal.onOutput(log.listener);
    services.terminal.onResize((size) => sizes.push(size));
    await services.terminal.open({ cols: 80, rows: 24 });
    await services.terminal.resize({ cols: 123, rows: 45 });
    await services.terminal.write('stty size\r');
    await log.waitFor('45 123');
    expect(sizes).toEqual([{ cols: 123, rows: 45 }]);
    expect((await services.terminal.open({ cols: 123, rows: 45 })).cols).toBe(123);
  });

  it('reports the exit and starts a new shell on the next open', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    const exits: unknown[] = [];
    const exited = new Promise<void>((resolve) =>
      services.terminal.onExit((exit) => {
        exits.push(exit);
        resolve();
      }),
    );
    await services.terminal.open({ cols: 80, rows: 24 });
    await services.terminal.write('exit 7\r');
    await exited;
    expect(exits).toEqual([{ exitCode: 7 }]);
    await expect(services.terminal.write('echo nope\r')).rejects.toMatchObject({ code: 'unavailable' });
    const info = await services.terminal.open({ cols: 80, rows: 24 });
    expect(info.running).toBe(true);
    await services.terminal.write('echo again-$((1+1))\r');
    await log.waitFor('again-2');
  });

  it('rejects bad arguments with a code', async () => {
    await expect(services.terminal.open({ cols: 0, rows: 24 })).rejects.toMatchObject({ code: 'bad-argument' });
    await expect(services.terminal.catchUp(-1)).rejects.toMatchObject({ code: 'bad-argument' });
  });

  it('starts one shell however many views open it at once', async () => {
    const infos = await Promise.all([1, 2, 3].map(() => services.terminal.open({ cols: 80, rows: 24 })));
    expect(infos.every((info) => info.running)).toBe(true);
    const pid = (services.terminal as SharedTerminal).shellPid();
    await services.terminal.open({ cols: 80, rows: 24 });
    expect((services.terminal as SharedTerminal).shellPid()).toBe(pid);
  });
});

describe('host terminal with the default shell', () => {
  it("starts the user's $SHELL with their rc files", async () => {
    const { root, remove } = await tempRoot();
    const services = createHostServices({ workspaceRoot: root });
    try {
      const log = new OutputLog();
      services.terminal.onOutput(log.listener);
      const info = await services.terminal.open({ cols: 80, rows: 24 });
      expect(info.shell).toBe(resolveUserShell());
      await services.terminal.write('echo default-$((6*7))\r');
      await log.waitFor('default-42', 10_000);
    } finally {
      await services.dispose();
      await remove();
    }
  });
});

