import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../src/host/index';
import type { RunState } from '../../../src/shared/host-api';
import { OutputLog, TEST_SHELL, tempRoot } from '../support';

/** Resolves with the first state that is not 'running'. */
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

describe('run presets', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;
  let log: OutputLog;
  let states: RunState[];

  beforeEach(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL, limits: { stopGraceMs: 1500, killGraceMs: 200 } });
    cleanup = remove;
    log = new OutputLog();
    states = [];
    services.terminal.onOutput(log.listener);
    services.run.onState((state) => states.push(state));
    await services.terminal.open({ cols: 120, rows: 30 });
  });

  afterEach(async () => {
    await services.dispose();
    await cleanup();
  });

  it('runs JavaScript: the command and output are in the terminal, exit code 0, then a nonzero one', async () => {
    let exit = nextExit(services);
    await services.run.run({ language: 'javascript', source: 'console.log("js-says-" + (6 * 7));\n' });
    expect((await exit).exitCode).toBe(0);
    expect(log.text()).toContain('"$DUET_RUN" node main.js');
    expect(log.text()).toContain('js-says-42');
    expect(states.map((state) => state.status)).toEqual(['running', 'exited']);
    expect(states[0]).toMatchObject({ status: 'running', language: 'javascript', command: 'node main.js' });
    expect(states[1]).toMatchObject({ status: 'exited', language: 'javascript', exitCode: 0 });
    expect((states[1] as { durationMs: number }).durationMs).toBeGreaterThan(0);

    exit = nextExit(services);
    await services.run.run({ language: 'javascript', source: 'console.log("bye"); process.exit(3);\n' });
    expect(await exit).toMatchObject({ exitCode: 3, language: 'javascript' });
    expect(states.map((state) => state.status)).toEqual(['running', 'exited', 'running', 'exited']);
  });

  it('runs Python with exit codes 0 and nonzero', async () => {
    let exit = nextExit(services);
    await services.run.run({ language: 'python', source: 'print("py", 6 * 7)\n' });
    expect(await exit).toMatchObject({ exitCode: 0, language: 'python' });
    await log.waitFor('py 42');
    exit = nextExit(services);
    await services.run.run({ language: 'python', source: 'import sys\nsys.exit(5)\n' });
    expect((await exit).exitCode).toBe(5);
  });

  it('compiles and runs C, and reports a compile error as a nonzero exit', async () => {
    let exit = nextExit(services);
    await services.run.run({ language: 'c', source: '#include <stdio.h>\nint main(void) { printf("c-says-%d\\n", 6 * 7); return 0; }\n' });
    expect((await exit).exitCode).toBe(0);
    await log.waitFor('c-says-42');
    exit = nextExit(services);
    await services.run.run({ language: 'c', source: 'int main(void) { return oops; }\n' });
    expect((await exit).exitCode).not.toBe(0);
    await log.waitFor('oops');
  });

  it('stops a long-running program, and the shell stays usable', async () => {
    await services.run.run({ language: 'python', source: 'print("looping", flush=True)\nwhile True: pass\n' });
    await log.waitFor('looping');
    const started = Date.now();
    await services.run.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(states.at(-1)).toMatchObject({ status: 'exited', exitCode: 130 });
    await services.terminal.write('echo still-$((40+2))\r');
    await log.waitFor('still-42');
  });

  it('kills a program that ignores Ctrl-C after the grace period', async () => {
    await services.run.run({
      language: 'javascript',
      source: 'process.on("SIGINT", () => console.log("ignoring ctrl-c")); console.log("stubborn"); setInterval(() => {}, 1000);\n',
    });
    await log.waitFor('stubborn');
    const started = Date.now();
    await services.run.stop();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(states.at(-1)).toMatchObject({ status: 'exited', exitCode: 137 });
    await log.waitFor('ignoring ctrl-c');
    await services.terminal.write('echo alive-$((40+2))\r');
    await log.waitFor('alive-42');
  });

  it('refuses a second run while one is going, and an unavailable toolchain', async () => {
    await services.run.run({ language: 'javascript', source: 'console.log("long-" + 42); setTimeout(() => {}, 10000);\n' });
    await log.waitFor('long-42');
    await expect(services.run.run({ language: 'javascript', source: '' })).rejects.toMatchObject({ code: 'forbidden' });
    await services.run.stop();
    const missing = (await services.run.presets()).find((preset) => !preset.available);
    if (missing) {
      await expect(services.run.run({ language: missing.language, source: '' })).rejects.toMatchObject({ code: 'unavailable' });
    }
    await expect(services.run.run({ language: 'cobol' as never, source: '' })).rejects.toMatchObject({ code: 'bad-argument' });
  });

  it('refuses to type a run into a program that holds the terminal', async () => {
    await services.terminal.write('cat\r');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(services.run.run({ language: 'shell', source: 'echo hi\n' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(states).toEqual([]);
    await services.terminal.write('\x04');
    const exit = nextExit(services);
    await services.run.run({ language: 'shell', source: 'echo "after-$((6*7))"\n' });
    expect((await exit).exitCode).toBe(0);
    await log.waitFor('after-42');
  });

  it('runs in the workspace even after someone cd-ed away', async () => {
    await services.terminal.write('cd /\r');
    const exit = nextExit(services);
    await services.run.run({ language: 'shell', source: 'echo "in $(basename "$PWD")"\n' });
    expect((await exit).exitCode).toBe(0);
    await log.waitFor(/in session-\w+/);
    expect(log.text()).toContain('"$DUET_RUN" bash main.sh');
  });
});

describe('run presets with the host\'s own Node', () => {
  it('runs JavaScript with nodePath and nodeEnv, which the shell itself does not see', async () => {
    const { root, remove } = await tempRoot();
    const services = createHostServices({
      workspaceRoot: root,
      ...TEST_SHELL,
      nodePath: process.execPath,
      nodeEnv: { DUET_PROBE: 'from node env' },
    });
    try {
      const log = new OutputLog();
      services.terminal.onOutput(log.listener);
      await services.terminal.open({ cols: 120, rows: 30 });
      const exit = nextExit(services);
      await services.run.run({ language: 'javascript', source: 'console.log(`probe=${process.env.DUET_PROBE} exec=${process.execPath}`);\n' });
      expect((await exit).exitCode).toBe(0);
      await log.waitFor(`probe=from node env exec=${process.execPath}`);
      await services.terminal.write('echo "shell-probe=[$DUET_PROBE]"\r');
      await log.waitFor('shell-probe=[]');
    } finally {
      await services.dispose();
      await remove();
    }
  });
});

