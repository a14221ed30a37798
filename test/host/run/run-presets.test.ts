import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../src/host/index';
import { detectRunPresets } from '../../../src/host/run/run-presets';
import { LANGUAGES, type Language, type RunState } from '../../../src/shared/host-api';
import { OutputLog, TEST_SHELL, tempRoot } from '../support';

/** `which`, the way a person would check. */
function which(command: string): boolean {
  try {
    execFileSync('which', [command], { stdio: 'ignore' });
    return true;
  } catch {
    // `which` exits nonzero when the command is not on PATH.
    return false;
  }
}

/** A program per language that prints "hello-<language>-42". */
const HELLO: Record<Language, string> = {
  javascript: 'console.log(`hello-javascript-${6 * 7}`);\n',
  typescript: 'const n: number = 6 * 7;\nconsole.log(`hello-typescript-${n}`);\n',
  python: 'print(f"hello-python-{6 * 7}")\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Printf("hello-go-%d\\n", 6*7) }\n',
  rust: 'fn main() { println!("hello-rust-{}", 6 * 7); }\n',
  c: '#include <stdio.h>\nint main(void) { printf("hello-c-%d\\n", 6 * 7); return 0; }\n',
  cpp: '#include <iostream>\nint main() { std::cout << "hello-cpp-" << 6 * 7 << std::endl; }\n',
  java: 'public class Main { public static void main(String[] a) { System.out.println("hello-java-" + 6 * 7); } }\n',
  shell: 'echo "hello-shell-$((6 * 7))"\n',
  ruby: 'puts "hello-ruby-#{6 * 7}"\n',
};

describe('run presets on this machine', () => {
  let services: HostServices;
  let cleanup: () => Promise<void>;
  let log: OutputLog;

  beforeAll(async () => {
    const { root, remove } = await tempRoot();
    services = createHostServices({ workspaceRoot: root, ...TEST_SHELL });
    cleanup = remove;
    log = new OutputLog();
    services.terminal.onOutput(log.listener);
    await services.terminal.open({ cols: 120, rows: 30 });
  });

  afterAll(async () => {
    await services.dispose();
    await cleanup();
  });

  it('lists the ten languages and finds exactly the toolchains `which` finds', async () => {
    const presets = await services.run.presets();
    expect(presets.map((preset) => preset.language)).toEqual([...LANGUAGES]);
    const byLanguage = Object.fromEntries(presets.map((preset) => [preset.language, preset]));
    expect(byLanguage.javascript?.available).toBe(true);
    expect(byLanguage.typescript?.available).toBe(true);
    expect(byLanguage.python?.available).toBe(which('python3'));
    expect(byLanguage.go?.available).toBe(which('go'));
    expect(byLanguage.rust?.available).toBe(which('rustc'));
    expect(byLanguage.c?.available).toBe(which('cc') || which('gcc'));
    expect(byLanguage.cpp?.available).toBe(which('c++') || which('g++'));
    expect(byLanguage.java?.available).toBe(which('java'));
    expect(byLanguage.shell?.available).toBe(which('bash'));
    expect(byLanguage.ruby?.available).toBe(which('ruby'));
    expect(byLanguage.java?.fileName).toBe('Main.java');
    for (const preset of presets) {
      if (preset.available) expect(preset.missing).toBeUndefined();
      else expect(preset.missing).toMatch(/not found/);
    }
  });

  it('reports a missing toolchain by name', () => {
    const presets = detectRunPresets({ pathValue: '/nonexistent', tsxCli: undefined });
    expect(presets.find((preset) => preset.language === 'go')).toMatchObject({ available: false, missing: 'go not found' });
    expect(presets.find((preset) => preset.language === 'c')).toMatchObject({ available: false, missing: 'cc or gcc not found' });
    expect(presets.find((preset) => preset.language === 'typescript')).toMatchObject({ available: false });
    expect(presets.find((preset) => preset.language === 'javascript')).toMatchObject({ available: true });
  });

  it('runs every preset whose toolchain is present, with its output and exit code 0', async () => {
    const available = (await services.run.presets()).filter((preset) => preset.available);
    expect(available.length).toBeGreaterThanOrEqual(7);
    for (const preset of available) {
      const exited = new Promise<RunState>((resolve) => {
        const off = services.run.onState((state) => {
          if (state.status === 'exited') {
            off();
            resolve(state);
          }
        });
      });
      await services.run.run({ language: preset.language, source: HELLO[preset.language] });
      expect(await exited, preset.language).toMatchObject({ status: 'exited', language: preset.language, exitCode: 0 });
      await log.waitFor(`hello-${preset.language}-42`, 1000);
    }
  }, 60_000);
});
