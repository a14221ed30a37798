import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../src/host/index';
import { OutputLog, TEST_SHELL, tempRoot } from './support';

/** True while /proc shows `pid` as a live (non-zombie) process. */
async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    // No /proc entry: the process is gone.
    return false;
  }
}

/** Starts children of every kind a user might leave behind and returns their pids. */
async function startChildren(services: HostServices, log: OutputLog): Promise<number[]> {
  await services.terminal.open({ cols: 80, rows: 24 });
  // A background job, a double-forked orphan, a nohup'ed job and a foreground subshell.
  await services.terminal.write('sleep 1000 & echo BG=$!\r');
  await services.terminal.write('(sleep 1001 & echo ORPHAN=$!)\r');
  await services.terminal.write('nohup sleep 1002 >/dev/null 2>&1 & echo NOHUP=$!\r');
  await services.terminal.write('echo SHELL=$$; (sleep 1003)\r');
  await log.waitFor(/SHELL=\d+/);
  const text = log.text();
  const pids = ['BG', 'ORPHAN', 'NOHUP', 'SHELL'].map((name) => Number(new RegExp(`${name}=(\\d+)`).exec(text)?.[1]));
  expect(pids.every((pid) => pid > 0)).toBe(true);
  // The foreground subshell and its sleep: found through /proc, as children of the shell.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const children = (await readFile(`/proc/${pids[3]}/task/${pids[3]}/children`, 'utf8')).trim().split(/\s+/).map(Number);
  const grandchildren = await Promise.all(
    children.map(async (pid) => (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).trim().split(/\s+/).filter(Boolean).map(Number)),
  );
  const all = [...pids, ...children, ...grandchildren.flat()];
  for (const pid of all) expect(await alive(pid)).toBe(true);
  expect(all.length).toBeGreaterThanOrEqual(6);
  return all;
}

describe('host terminal cleanup', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL, limits: { killGraceMs: 300 } });
    cleanup = remove;
  });

  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('close() ends the shell and every process it started', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    const pids = await startChildren(services, log);
    const exited = new Promise((resolve) => services.terminal.onExit(resolve));
    await services.terminal.close();
    await exited;
    for (const pid of pids) expect(await alive(pid), `pid ${pid} survived close()`).toBe(false);
  });

  it('dispose() leaves no process behind and refuses later calls', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    const pids = await startChildren(services, log);
    await services.dispose();
    for (const pid of pids) expect(await alive(pid), `pid ${pid} survived dispose()`).toBe(false);
    await expect(services.terminal.open({ cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('a shell that exits on its own does not leave its jobs running', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    await services.terminal.open({ cols: 80, rows: 24 });
    await services.terminal.write('nohup sleep 1004 >/dev/null 2>&1 & echo JOB=$!\r');
    await log.waitFor(/JOB=\d+/);
    const job = Number(/JOB=(\d+)/.exec(log.text())?.[1]);
    expect(await alive(job)).toBe(true);
    const exited = new Promise((resolve) => services.terminal.onExit(resolve));
    await services.terminal.write('exit\r');
    await exited;
    expect(await alive(job)).toBe(false);
  });
});
