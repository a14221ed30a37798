import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../src/host/index';
import { OutputLog, TEST_SHELL, tempRoot } from './support';

describe('host terminal between sessions', () => {
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

  it('never replays an earlier session’s output after the terminal is closed', async () => {
    const log = new OutputLog();
    services.terminal.onOutput(log.listener);
    await services.terminal.open({ cols: 80, rows: 24 });
    await services.terminal.write('echo secret-$((40+2))\r');
    await log.waitFor('secret-42');
    await services.terminal.close();

    const next = await services.terminal.open({ cols: 80, rows: 24 });
    expect(next.seq).toBeGreaterThan(0);
    const catchUp = await services.terminal.catchUp(0);
    expect(catchUp.kind).toBe('snapshot');
    const text = catchUp.kind === 'snapshot' ? catchUp.data : '';
    expect(text).not.toContain('secret-42');
  });

  it('starts the next session in a new workspace folder, without the earlier candidate’s files', async () => {
    const first = await services.terminal.open({ cols: 80, rows: 24 });
    await services.run.run({ language: 'python', source: 'print("earlier candidate")' });
    await expect.poll(() => existsSync(join(first.cwd, 'main.py'))).toBe(true);
    await services.terminal.close();

    const next = await services.terminal.open({ cols: 80, rows: 24 });
    expect(next.cwd).not.toBe(first.cwd);
    expect(await readdir(next.cwd)).not.toContain('main.py');
    // The earlier folder is left as it was: ending a session never deletes anyone's work.
    expect(existsSync(join(first.cwd, 'main.py'))).toBe(true);
  });

  it('keeps the workspace when the shell merely exits and is restarted in the same session', async () => {
    const first = await services.terminal.open({ cols: 80, rows: 24 });
    const exited = new Promise((resolve) => services.terminal.onExit(resolve));
    await services.terminal.write('exit\r');
    await exited;
    const again = await services.terminal.open({ cols: 80, rows: 24 });
    expect(again.cwd).toBe(first.cwd);
  });
});
