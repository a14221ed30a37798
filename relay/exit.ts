import type { DestinationStream } from 'pino';

/** The part of pino's stdout destination (sonic-boom) an orderly exit needs. */
type LogDestination = DestinationStream & { end(): void; once(event: 'close', listener: () => void): unknown };

/**
 * Exits once the log destination has written what it holds and closed, or after `budgetMs`
 * whatever stdout does.
 *
 * pino writes asynchronously and, at process exit, flushes what is left synchronously; when
 * stdout is a pipe whose reader died (`| head -1`) or stalled (a stuck log shipper), that
 * flush retries for ever and the process never exits. So we end the destination ourselves,
 * with a deadline, and when it cannot take what is left we drop it: a dead log reader must
 * not keep a relay from restarting.
 */
export async function exitAfterLogFlush(destination: LogDestination, code: number, budgetMs: number): Promise<never> {
  await Promise.race([
    new Promise<void>((resolve) => {
      destination.once('close', resolve);
      destination.end();
    }),
    new Promise<void>((resolve) => setTimeout(resolve, budgetMs).unref()),
  ]);
  exitNow(code);
}

/** Exits now (a shutdown that overran its budget): whatever the log still holds is dropped. */
export function exitNow(code: number): never {
  // The only 'exit' listeners are the loggers' synchronous flushes; nothing else runs at exit.
  process.removeAllListeners('exit');
  process.exit(code);
}
