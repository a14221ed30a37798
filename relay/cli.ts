import { statSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { findRepoRoot, relayOptionsFrom, relayProgram, startFailure } from './cli-options';
import { exitAfterLogFlush, exitNow } from './exit';
import { RelayOptionsError, type RelayOptionsInput } from './options';
import { createRelay, type Relay } from './relay';

/**
 * `npm run relay -- --port <n> [--host <addr>]`. Logs one JSON line `relay listening`
 * with url and port; when forked with an IPC channel (the embedded relay of the web shell
 * and Electron main) it also sends `{ type: 'listening', url, port }` to its parent.
 * SIGTERM / SIGINT (or the parent going away) close it gracefully and exit 0.
 */

/** Time given to the log to take its last lines before the process exits anyway. */
const LOG_FLUSH_MS = 300;

async function main(): Promise<void> {
  const program = relayProgram(findRepoRoot(import.meta.dirname));
  program.parse(process.argv);
  const options = relayOptionsFrom(program);
  // Asynchronous, so a slow log reader never slows the relay; exit ends it with a deadline.
  const destination = pino.destination({ dest: 1, sync: false });
  const log = pino({ level: options.logLevel ?? 'info', base: { component: 'relay' } }, destination);

  // Handlers go in before the relay starts: a signal that arrives while it starts (or right
  // after its listening line) must still close it gracefully instead of killing it outright.
  const starting = start(options, log);
  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'relay stopping');
    // The close waits at most --shutdown-timeout-ms for members; whatever else hangs, the
    // process is gone a second after that.
    const budget = (options.shutdownTimeoutMs ?? 3_000) + 1_000;
    setTimeout(() => exitNow(1), budget).unref();
    starting
      .then((relay) => relay?.close())
      .then(
        () => exitAfterLogFlush(destination, typeof process.exitCode === 'number' ? process.exitCode : 0, LOG_FLUSH_MS),
        (error: unknown) => {
          log.error({ err: error }, 'relay close failed');
          return exitAfterLogFlush(destination, 1, LOG_FLUSH_MS);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A forked relay must not outlive the app that started it.
  if (process.send !== undefined) process.on('disconnect', () => stop('parent disconnected'));

  const relay = await starting;
  if (relay === undefined) return exitAfterLogFlush(destination, 1, LOG_FLUSH_MS);
  if (process.send !== undefined) process.send({ type: 'listening', url: relay.url, port: relay.port });
}

/** Starts the relay, or prints why it cannot and resolves undefined (exit code 1). */
async function start(options: RelayOptionsInput, log: Logger): Promise<Relay | undefined> {
  warnAboutWebRoot(log, options.webRoot);
  try {
    return await createRelay({ ...options, logger: log });
  } catch (error) {
    // A configuration mistake or a taken port is the operator's to fix: one plain line, no stack trace.
    const plain =
      error instanceof RelayOptionsError
        ? `invalid configuration: ${error.message}`
        : startFailure(error, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    if (plain !== undefined) process.stderr.write(`relay: ${plain}\n`);
    else log.fatal({ err: error }, 'relay failed to start');
    process.exitCode = 1;
    return undefined;
  }
}

/** A --web-root that is not a folder would quietly answer 404 for every page: say so at start. */
function warnAboutWebRoot(log: Logger, webRoot: string | undefined): void {
  if (webRoot === undefined) return;
  let isFolder = false;
  try {
    isFolder = statSync(webRoot).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.debug({ err: error }, 'web root not readable');
  }
  if (!isFolder) log.warn({ webRoot }, `web root ${webRoot} is not a folder: / will answer 404 until it exists`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
