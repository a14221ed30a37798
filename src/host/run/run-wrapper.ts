/**
 * The run wrapper: a tiny POSIX sh script written once into the workspace. The command
 * the host types is `<wrapper> <preset command>`, so everyone sees it; the wrapper runs
 * it in the workspace and brackets it with invisible OSC 7777 markers carrying its pid
 * (the run's process group under a job-control shell) and the exit status.
 */

/** Folder (in the workspace) and file of the wrapper. */
export const RUN_WRAPPER_PATH = '.duet/run';

/** Environment variable of the shell holding the wrapper's absolute path. */
export const RUN_WRAPPER_VARIABLE = 'DUET_RUN';

/** Start of every marker; the nonce keeps other programs from faking run states by accident. */
export function markerPrefix(nonce: string): string {
  return `\x1b]7777;duet-run;${nonce};`;
}

/** Quotes `value` for any POSIX-ish shell (bash, zsh, sh, fish) unless it is plainly safe. */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface RunWrapperOptions {
  workspace: string;
  nodePath: string;
  nodeEnv: Record<string, string>;
  tsxCli: string | undefined;
  nonce: string;
}

/** The wrapper script's text. */
export function runWrapperScript(options: RunWrapperOptions): string {
  const envPrefix = Object.entries(options.nodeEnv)
    .map(([name, value]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new RangeError(`not an environment variable name: ${name}`);
      return `${name}=${shellQuote(value)} `;
    })
    .join('');
  const marker = (kind: string) => `printf '\\033]7777;duet-run;${options.nonce};${kind};%s\\007'`;
  return [
    '#!/bin/sh',
    '# Written by Duet for this session: runs one preset command in the workspace and reports',
    '# its start and exit status to the host with OSC 7777 sequences, which terminals ignore.',
    `cd ${shellQuote(options.workspace)} || exit 127`,
    `node() { ${envPrefix}${shellQuote(options.nodePath)} "$@"; }`,
    options.tsxCli ? `tsx() { node ${shellQuote(options.tsxCli)} "$@"; }` : '',
    '# A handler, not "ignore" (which the program would inherit): this script survives Ctrl-C',
    '# to report the status, while the program gets the default action and stops.',
    'trap : INT',
    `${marker('start')} "$$"`,
    'eval "$*"',
    'status=$?',
    `${marker('exit')} "$status"`,
    'exit "$status"',
    '',
  ].join('\n');
}
