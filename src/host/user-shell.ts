import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Finds an executable on PATH (like `which`); undefined when absent. */
export function findOnPath(command: string, pathValue = process.env.PATH ?? ''): string | undefined {
  if (isAbsolute(command)) return isExecutable(command) ? command : undefined;
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of pathValue.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch (error) {
    // Missing or not executable: both simply mean "not this one".
    if ((error as NodeJS.ErrnoException).code !== undefined) return false;
    throw error;
  }
}

/** The shell a person expects: the override, else $SHELL, else bash, else sh (cmd/PowerShell on Windows). */
export function resolveUserShell(override?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (override) return override;
  const path = env.PATH ?? '';
  if (process.platform === 'win32') {
    return findOnPath('pwsh', path) ?? findOnPath('powershell', path) ?? env.COMSPEC ?? 'cmd.exe';
  }
  // $SHELL may be unset (services, CI, `env -i`) or name a shell that is gone.
  const fromEnv = env.SHELL;
  if (fromEnv && findOnPath(fromEnv, path)) return fromEnv;
  return findOnPath('bash', path) ?? '/bin/sh';
}

/**
 * The environment the shell starts with: the host's, minus variables that describe the
 * host process rather than the user's terminal (Electron's node mode, npm's script
 * context, another terminal's size or multiplexer), plus a truthful TERM.
 */
export function shellEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (/^(npm_|ELECTRON_RUN_AS_NODE$|ELECTRON_NO_ATTACH_CONSOLE$|TMUX|STY$|WINDOW$|WINDOWID$|TERMCAP$|COLUMNS$|LINES$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, TERM: 'xterm-256color', COLORTERM: 'truecolor', TERM_PROGRAM: 'duet', ...extra };
}
