import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HostRun, HostTerminal } from '../shared/host-api';
import { resolveHostLimits, type HostLimits } from './host-limits';
import { PresetRunner } from './run/preset-runner';
import { detectRunPresets, resolveTsxCli, type RunPreset } from './run/run-presets';
import { RUN_WRAPPER_PATH, RUN_WRAPPER_VARIABLE, runWrapperScript } from './run/run-wrapper';
import { SharedTerminal } from './terminal/shared-terminal';
import { resolveUserShell, shellEnvironment } from './user-shell';
import { SessionWorkspace } from './workspace';

export interface HostServicesOptions {
  /** Folder under which each session gets its own workspace folder. */
  workspaceRoot: string;
  /** Node binary for JavaScript/TypeScript runs: process.execPath in the web shell; Electron's
   *  binary with ELECTRON_RUN_AS_NODE=1 in Electron (passed via nodeEnv). */
  nodePath?: string;
  nodeEnv?: Record<string, string>;
  /** Shell override (tests); default $SHELL, falling back to bash, then sh; cmd/PowerShell on Windows. */
  shell?: string;
  /** Arguments for the shell (tests pass e.g. --norc); default none: an interactive shell. */
  shellArgs?: string[];
  /** Tuning of coalescing, buffers, watermarks and grace periods (tests shrink them). */
  limits?: Partial<HostLimits>;
}

export interface HostServices {
  terminal: HostTerminal;
  run: HostRun;
  dispose(): Promise<void>;
}

export type { HostLimits } from './host-limits';
export { DEFAULT_HOST_LIMITS } from './host-limits';

/**
 * Toolchain detection looks at PATH once per process: it does not change during a
 * session, and the language picker asks often.
 */
let cachedPresets: RunPreset[] | undefined;
function detectOnce(): RunPreset[] {
  cachedPresets ??= detectRunPresets({ pathValue: process.env.PATH ?? '', tsxCli: resolveTsxCli() });
  return cachedPresets;
}

/** Creates the host services of one session: its shell, mirror, workspace and run presets. */
export function createHostServices(options: HostServicesOptions): HostServices {
  const limits = resolveHostLimits(options.limits);
  const nonce = randomBytes(6).toString('hex');
  const tsxCli = resolveTsxCli();
  const workspace = new SessionWorkspace(options.workspaceRoot, async (dir) => {
    const wrapper = join(dir, RUN_WRAPPER_PATH);
    await mkdir(dirname(wrapper), { recursive: true });
    await writeFile(
      wrapper,
      runWrapperScript({ workspace: dir, nodePath: options.nodePath ?? process.execPath, nodeEnv: options.nodeEnv ?? {}, tsxCli, nonce }),
    );
    await chmod(wrapper, 0o755);
  });
  const terminal = new SharedTerminal({
    shell: resolveUserShell(options.shell),
    shellArgs: options.shellArgs ?? [],
    env: shellEnvironment(process.env),
    // The typed run command reads `"$DUET_RUN" python3 main.py`: short, and right wherever someone cd-ed.
    envFor: (dir) => ({ [RUN_WRAPPER_VARIABLE]: join(dir, RUN_WRAPPER_PATH) }),
    cwd: () => workspace.ensure(),
    // A closed shell means the session ended: the next one starts in a folder of its own,
    // never among an earlier candidate's files (they stay on disk, in their own folder).
    onClosed: () => workspace.retire(),
    limits,
  });
  const run = new PresetRunner({
    terminal,
    workspace,
    presets: async () => detectOnce(),
    nonce,
    stopGraceMs: limits.stopGraceMs,
  });
  return {
    terminal,
    run,
    /** Ends the shell and every process it started, and stops all timers and listeners. */
    async dispose() {
      await terminal.dispose();
      run.dispose();
    },
  };
}
