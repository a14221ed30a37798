import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputLog, useHostServices } from '../support';

describe('host terminal between sessions', () => {
  const host = useHostServices();

  it('never replays an earlier session’s output after the terminal is closed', async () => {
    const log = new OutputLog();
    host.services.terminal.onOutput(log.listener);
    await host.services.terminal.open({ cols: 80, rows: 24 });
    await host.services.terminal.write('echo secret-$((40+2))\r');
    await log.waitFor('secret-42');
    await host.services.terminal.close();

    const next = await host.services.terminal.open({ cols: 80, rows: 24 });
    expect(next.seq).toBeGreaterThan(0);
    const catchUp = await host.services.terminal.catchUp(0);
    expect(catchUp.kind).toBe('snapshot');
    const text = catchUp.kind === 'snapshot' ? catchUp.data : '';
    expect(text).not.toContain('secret-42');
  });

  it('starts the next session in a new workspace folder, without the earlier candidate’s files', async () => {
    const first = await host.services.terminal.open({ cols: 80, rows: 24 });
    await host.services.run.run({ language: 'python', source: 'print("earlier candidate")' });
    await expect.poll(() => existsSync(join(first.cwd, 'main.py'))).toBe(true);
    await host.services.terminal.close();

    const next = await host.services.terminal.open({ cols: 80, rows: 24 });
    expect(next.cwd).not.toBe(first.cwd);
    expect(await readdir(next.cwd)).not.toContain('main.py');
    // The earlier folder is left as it was: ending a session never deletes anyone's work.
    expect(existsSync(join(first.cwd, 'main.py'))).toBe(true);
  });

  it('keeps the workspace when the shell merely exits and is restarted in the same session', async () => {
    const first = await host.services.terminal.open({ cols: 80, rows: 24 });
    const exited = new Promise((resolve) => host.services.terminal.onExit(resolve));
    await host.services.terminal.write('exit\r');
    await exited;
    const again = await host.services.terminal.open({ cols: 80, rows: 24 });
    expect(again.cwd).toBe(first.cwd);
  });
});
