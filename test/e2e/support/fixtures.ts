import { test as base } from '@playwright/test';
import { startRelay, startWebShell, tempDir, type RelayProcess, type WebShellProcess } from './processes';

/**
 * Worker-scoped servers: one relay (serving the built renderer) and one web shell using
 * it, shared by the specs of a worker. Sessions are independent, so sharing is safe;
 * a spec that must kill the relay starts its own (see relay-restart.spec.ts).
 */
interface Servers {
  relay: RelayProcess;
  shell: WebShellProcess;
}

export const test = base.extend<object, Servers>({
  relay: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures object pattern
    async ({}, use) => {
      const dir = tempDir('relay');
      const relay = await startRelay({ dataDir: dir.path });
      await use(relay);
      await relay.stop();
      dir.remove();
    },
    { scope: 'worker' },
  ],
  shell: [
    async ({ relay }, use) => {
      const dir = tempDir('shell');
      const shell = await startWebShell({ relayUrl: relay.url, dataDir: dir.path });
      await use(shell);
      await shell.stop();
      dir.remove();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
