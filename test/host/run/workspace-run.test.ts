import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../src/host/index';
import type { RunState } from '../../../src/shared/host-api';
import { OutputLog, TEST_SHELL, tempRoot } from '../support';

function nextExit(services: HostServices): Promise<Extract<RunState, { status: 'exited' }>> {
  return new Promise((resolve) => {
    const off = services.run.onState((state) => {
      if (state.status === 'exited') {
        off();
        resolve(state);
      }
    });
  });
}

describe('a run of the workspace', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;
  let log: OutputLog;
  let running: RunState[];

  beforeEach(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL });
    cleanup = remove;
    log = new OutputLog();
    running = [];
    services.terminal.onOutput(log.listener);
    services.run.onState((state) => state.status === 'running' && running.push(state));
    await services.terminal.open({ cols: 120, rows: 30 });
  });

  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('writes every file, folders too, and runs the entry file, which imports another', async () => {
    const exit = nextExit(services);
    await services.run.run({
      entry: 'test_solution.py',
      files: [
        { path: 'solution.py', text: 'def add(a, b):\n    return a + b\n' },
        { path: 'test_solution.py', text: 'from solution import add\nfrom data.values import N\nprint("sum is", add(N, 2))\n' },
        { path: 'data/values.py', text: 'N = 40\n' },
      ],
    });
    expect((await exit).exitCode).toBe(0);
    await log.waitFor('sum is 42');
    expect(running[0]).toMatchObject({ language: 'python', command: 'python3 test_solution.py' });
  });

  it('removes a file an earlier run wrote once it left the workspace, so nothing stale is imported', async () => {
    const { cwd } = await services.terminal.open({ cols: 120, rows: 30 });
    let exit = nextExit(services);
    await services.run.run({ entry: 'main.py', files: [{ path: 'main.py', text: 'print(1)\n' }, { path: 'old.py', text: 'X = 1\n' }] });
    await exit;
    expect(await readFile(join(cwd, 'old.py'), 'utf8')).toBe('X = 1\n');
    exit = nextExit(services);
    await services.run.run({ entry: 'main.py', files: [{ path: 'main.py', text: 'import old\n' }] });
    expect((await exit).exitCode).not.toBe(0);
    await log.waitFor('ModuleNotFoundError');
    await expect(access(join(cwd, 'old.py'))).rejects.toThrow();
  });

  it('refuses an entry that is not among the files, in no runnable language, or a path outside the folder', async () => {
    await expect(services.run.run({ entry: 'main.py', files: [] })).rejects.toMatchObject({ code: 'bad-argument', message: 'the entry file main.py is not in the workspace' });
    await expect(services.run.run({ entry: 'notes.md', files: [{ path: 'notes.md', text: '' }] })).rejects.toMatchObject({
      code: 'bad-argument',
      message: expect.stringMatching(/notes\.md is not in a language Duet can run/),
    });
    await expect(services.run.run({ entry: 'main.py', files: [{ path: 'main.py', text: '' }, { path: '../escape.py', text: '' }] })).rejects.toMatchObject({
      code: 'bad-argument',
      message: expect.stringMatching(/^\.\.\/escape\.py: /),
    });
    // Nothing was left claimed: a good run still starts.
    const exit = nextExit(services);
    await services.run.run({ entry: 'main.py', files: [{ path: 'main.py', text: 'print("fine")\n' }] });
    expect((await exit).exitCode).toBe(0);
  });
});
