import { afterEach } from 'vitest';
import { startRelay, tempDir, type RelayProcess } from '../../support/processes';

/**
 * A real relay process on a data dir of its own, which a test kills with SIGKILL (a crash:
 * no shutdown, nothing flushed on the way out) and starts again on the same port and dir.
 */
export interface CrashableRelay {
  readonly current: RelayProcess;
  /** SIGKILL, then a new process on the same port and data dir. */
  crashAndRestart(): Promise<RelayProcess>;
}

const live: RelayProcess[] = [];
const dirs: { remove(): void }[] = [];

afterEach(async () => {
  await Promise.all(live.splice(0).map((relay) => relay.kill()));
  for (const dir of dirs.splice(0)) dir.remove();
});

/** Starts a crashable relay (killed after the test). `args` are extra relay flags. */
export async function startCrashableRelay(args: string[] = []): Promise<CrashableRelay> {
  const dir = tempDir('crash-relay');
  dirs.push(dir);
  let current = await startRelay({ dataDir: dir.path, args });
  live.push(current);
  return {
    get current() {
      return current;
    },
    async crashAndRestart() {
      await current.kill();
      live.splice(live.indexOf(current), 1);
      current = await startRelay({ dataDir: dir.path, port: current.port, args });
      live.push(current);
      return current;
    },
  };
}
