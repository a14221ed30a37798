import { Command, InvalidArgumentError } from 'commander';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalRelay } from '../host/local-relay';
import { startWebShell, WebShellError, type WebShell } from './web-shell';

/**
 * `npm run web [-- --port <n> --relay <url> --data-dir <dir>]`: Duet in your browser.
 * Prints one line with the URL to open (it carries this launch's secret token). When
 * forked (tests), also sends {type:'ready', url, relay} over IPC.
 */
const projectRoot = resolve(import.meta.dirname, '../..');

const program = new Command()
  .name('duet-web')
  .description('Serve Duet on 127.0.0.1 with host services for this browser')
  .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', parsePort, 5170)
  .option('--host <address>', 'loopback address to bind (only 127.0.0.1 is allowed)', '127.0.0.1')
  .option('--relay <url>', 'relay to use (ws:// or wss://); default: start one locally')
  .option('--data-dir <dir>', 'settings, workspaces and relay data (env DUET_DATA_DIR)', process.env.DUET_DATA_DIR ?? join(homedir(), '.duet'))
  .option('--renderer-dir <dir>', 'built renderer to serve', join(projectRoot, 'out/renderer'))
  .parse();

const options = program.opts<{ port: number; host: string; relay?: string; dataDir: string; rendererDir: string }>();
if (!['127.0.0.1', 'localhost', '::1'].includes(options.host)) {
  program.error(`--host ${options.host} refused: the web shell gives access to your terminal, so it only listens on 127.0.0.1`);
}
if (options.relay !== undefined && !/^wss?:\/\/[^\s]+$/i.test(options.relay)) {
  program.error(`--relay ${options.relay} refused: a relay URL starts with ws:// or wss://`);
}

const dataDir = resolve(options.dataDir);
const starting = start();

// Handlers go in before the shell starts: a signal during start-up (or right after the URL
// line) must still stop the embedded relay and any pty instead of killing only this process.
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    starting
      .then((shell) => shell?.close())
      .then(
        () => process.exit(process.exitCode ?? 0),
        (error: unknown) => {
          process.stderr.write(`duet: shutdown failed: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
  });
}
// A parent that forked us and went away must not leave a web shell (and its pty) behind.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

const shell = await starting;
if (shell === undefined) process.exit(1);
if (!stopping) {
  process.stdout.write(`Duet is running at ${shell.url}\n`);
  const relayUrl = shell.localRelay?.url ?? options.relay;
  const guestPage = relayUrl?.replace(/^ws/, 'http').replace(/\/ws$/, '/');
  if (shell.localRelay) {
    process.stdout.write(
      `Embedded relay: ${shell.localRelay.url} — guests on this machine join at ${guestPage}; ` +
        'for guests elsewhere run a shared relay (npm run relay -- --host 0.0.0.0) and pass --relay\n',
    );
  } else if (guestPage) {
    process.stdout.write(`Relay: ${relayUrl} — guests join at ${guestPage} (or with the code in their Duet app)\n`);
  }
  process.send?.({ type: 'ready', url: shell.url, relay: shell.localRelay?.url ?? options.relay });
}

/** Starts the web shell, or prints why it cannot and resolves undefined (exit code 1). */
async function start(): Promise<WebShell | undefined> {
  try {
    return await startWebShell({
      rendererDir: resolve(options.rendererDir),
      dataDir,
      port: options.port,
      version: readVersion(),
      createServices: async (workspaceRoot) => {
        // Loaded on first use: node-pty is only needed once someone opens the terminal.
        const { createHostServices } = await import('../host/index');
        return createHostServices({ workspaceRoot, nodePath: process.execPath });
      },
      relay: options.relay
        ? { url: options.relay }
        : {
            start: () =>
              startLocalRelay({
                script: join(projectRoot, 'relay/cli.ts'),
                dataDir: join(dataDir, 'relay'),
                webRoot: resolve(options.rendererDir),
                execArgv: ['--import', import.meta.resolve('tsx')],
                onLog: (line) => process.stderr.write(`relay: ${line}\n`),
              }),
          },
      openUrl,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      error instanceof WebShellError
        ? error.message
        : code === 'EADDRINUSE'
          ? `port ${options.port} is in use (another Duet?); pass --port 0 for any free port`
          : (error as Error).message;
    process.stderr.write(`duet: ${message}\n`);
    process.exitCode = 1;
    return undefined;
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is 0–65535');
  return port;
}

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

/** Hands a validated http(s) URL to the system's opener. */
function openUrl(url: string): Promise<void> {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['explorer.exe', [url]] : ['xdg-open', [url]];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', (error) => reject(new Error(`cannot open a browser (${command}): ${error.message}`)));
    child.once('spawn', () => {
      child.unref();
      resolvePromise();
    });
  });
}
