import { describe, expect, it } from 'vitest';
import { createHostServices } from '../../../src/host/index';
import type { SharedTerminal } from '../../../src/host/terminal/shared-terminal';
import { resolveUserShell } from '../../../src/host/user-shell';
import { OutputLog, tempRoot, useHostServices } from '../support';

describe('host terminal', () => {
  const host = useHostServices();

  it('runs the shell in the workspace and echoes what is typed', async () => {
    const log = new OutputLog();
    host.services.terminal.onOutput(log.listener);
    const info = await host.services.terminal.open({ cols: 100, rows: 30 });
    expect(info).toMatchObject({ running: true, cols: 100, rows: 30, shell: '/bin/bash', seq: 0 });
    expect(info.cwd).toMatch(/session-/);
    await host.services.terminal.write('echo hello-$((6*7)); pwd; echo TERM=$TERM\r');
    await log.waitFor(/hello-42/);
    await log.waitFor(`TERM=xterm-256color`);
    await log.waitFor(info.cwd);
  });

  it('resizes the pty', async () => {
    const log = new OutputLog();
    const sizes: unknown[] = [];
    host.services.terminal.onOutput(log.listener);
    host.services.terminal.onResize((size) => sizes.push(size));
    await host.services.terminal.open({ cols: 80, rows: 24 });
    await host.services.terminal.resize({ cols: 123, rows: 45 });
    await host.services.terminal.write('stty size\r');
    await log.waitFor('45 123');
    expect(sizes).toEqual([{ cols: 123, rows: 45 }]);
    expect((await host.services.terminal.open({ cols: 123, rows: 45 })).cols).toBe(123);
  });

  it('reports the exit and starts a new shell on the next open', async () => {
    const log = new OutputLog();
    host.services.terminal.onOutput(log.listener);
    const exits: unknown[] = [];
    const exited = new Promise<void>((resolve) =>
      host.services.terminal.onExit((exit) => {
        exits.push(exit);
        resolve();
      }),
    );
    await host.services.terminal.open({ cols: 80, rows: 24 });
    await host.services.terminal.write('exit 7\r');
    await exited;
    expect(exits).toEqual([{ exitCode: 7 }]);
    await expect(host.services.terminal.write('echo nope\r')).rejects.toMatchObject({ code: 'unavailable' });
    const info = await host.services.terminal.open({ cols: 80, rows: 24 });
    expect(info.running).toBe(true);
    await host.services.terminal.write('echo again-$((1+1))\r');
    await log.waitFor('again-2');
  });

  it('rejects bad arguments with a code', async () => {
    await expect(host.services.terminal.open({ cols: 0, rows: 24 })).rejects.toMatchObject({ code: 'bad-argument' });
    await expect(host.services.terminal.catchUp(-1)).rejects.toMatchObject({ code: 'bad-argument' });
  });

  it('starts one shell however many views open it at once', async () => {
    const infos = await Promise.all([1, 2, 3].map(() => host.services.terminal.open({ cols: 80, rows: 24 })));
    expect(infos.every((info) => info.running)).toBe(true);
    const pid = (host.services.terminal as SharedTerminal).shellPid();
    await host.services.terminal.open({ cols: 80, rows: 24 });
    expect((host.services.terminal as SharedTerminal).shellPid()).toBe(pid);
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

