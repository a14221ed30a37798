import { pino } from 'pino';
import { findRepoRoot, relayOptionsFrom, relayProgram } from './cli-options';
import { RelayOptionsError } from './options';
import { createRelay, type Relay } from './relay';

/**
 * `npm run relay -- --port <n> [--host <addr>]`. Logs one JSON line `relay listening`
 * with url and port; when forked with an IPC channel (the embedded relay of the web shell
 * and Electron main) it also sends `{ type: 'listening', url, port }` to its parent.
 * SIGTERM / SIGINT (or the parent going away) close it gracefully and exit 0.
 */

/** Exit anyway if a graceful close hangs past this. */
const HARD_EXIT_MS = 8_000;

async function main(): Promise<void> {
  const program = relayProgram(findRepoRoot(import.meta.dirname));
  program.parse(process.argv);
  const options = relayOptionsFrom(program);
  const log = pino({ level: options.logLevel ?? 'info', base: { component: 'relay' } });

  let relay: Relay;
  try {
    relay = await createRelay({ ...options, logger: log });
  } catch (error) {
    // A configuration mistake is the operator's to fix: one plain line, no stack trace.
    if (error instanceof RelayOptionsError) process.stderr.write(`relay: invalid configuration: ${error.message}\n`);
    else log.fatal({ err: error }, 'relay failed to start');
    process.exitCode = 1;
    return;
  }
  if (process.send !== undefined) process.send({ type: 'listening', url: relay.url, port: relay.port });

  let stopping = false;
  const stop = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'relay stopping');
    setTimeout(() => {
      log.error('graceful close took too long; exiting');
      process.exit(1);
    }, HARD_EXIT_MS).unref();
    relay.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'relay close failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // A forked relay must not outlive the app that started it.
  if (process.send !== undefined) process.on('disconnect', () => stop('parent disconnected'));
}

main().catch((error: unknown) => {
  process.stderr.write(`relay: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
