import { test as base } from '@playwright/test';
import { closeAll, type Person } from './duet';
import { startRelay, startWebShell, tempDir, type RelayProcess, type WebShellProcess } from '../../support/processes';

/**
 * Worker-scoped servers: one relay (serving the built renderer) and one web shell using
 * it, shared by the specs of a worker. Sessions are independent, so sharing is safe;
 * a spec that must kill the relay starts its own (see relay-restart.spec.ts).
 */
interface Servers {
  relay: RelayProcess;
  shell: WebShellProcess;
}

/** Test-scoped: the people a test pushes here have their browser contexts closed after it, pass or fail. */
interface Cast {
  people: Person[];
}

export const test = base.extend<Cast, Servers>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the fixtures object pattern
  people: async ({}, use) => {
    const people: Person[] = [];
    await use(people);
    await closeAll(...people);
  },
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
