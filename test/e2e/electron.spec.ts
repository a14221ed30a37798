import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { admit, knock, newPerson, type Person } from './support/duet';
import { expect, test } from './support/fixtures';
import { tempDir, type RelayProcess } from '../support/processes';
import { expectShellReady, expectTerminalToShow, terminalReady, typeInTerminal } from './support/terminal-helpers';

/**
 * Duet as an Electron app: the host creates a session in the Electron window (embedded
 * relay, host services over IPC), a browser guest joins through the relay's page, and the
 * terminal works end to end. Needs the Electron binary, which these machines cannot
 * download; the same flows run in Chromium through the web shell in the other specs.
 */
const root = resolve(import.meta.dirname, '../..');
const electronPackage = join(root, 'node_modules/electron');

function electronBinary(): string | undefined {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
const electronBinaryExists = electronBinary() !== undefined;

test.skip(
  !electronBinaryExists,
  'Electron binary not installed on this machine (cannot be downloaded here); the same flows run in Chromium through the web shell',
);

interface DuetWindow {
  duet: { localRelay(): Promise<{ ok: true; value: { url: string } | null }> };
}

let app: ElectronApplication | undefined;
let profile: ReturnType<typeof tempDir> | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});
test.afterAll(() => profile?.remove());

async function launchDuet(): Promise<Page> {
  profile ??= tempDir('electron');
  app = await electron.launch({
    executablePath: electronBinary(),
    args: [root],
    env: { ...process.env, DUET_USER_DATA_DIR: profile.path } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1400, height: 900 });
  return page;
}

/** The embedded relay the Electron app started, as the guest helpers expect it. */
async function embeddedRelay(page: Page): Promise<RelayProcess> {
  const reply = await page.evaluate(() => (window as unknown as DuetWindow).duet.localRelay());
  const url = new URL(reply.value!.url);
  const unsupported = async () => {
    throw new Error('the embedded relay is owned by the Electron app');
  };
  return { url: url.href, port: Number(url.port), httpUrl: `http://127.0.0.1:${url.port}`, dataDir: '', pid: 0, nodeId: '', kill: unsupported, stop: unsupported };
}

test('the window is sandboxed: no Node, only window.duet', async () => {
  const page = await launchDuet();
  const exposed = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    duet: Object.keys((window as unknown as { duet: object }).duet).sort(),
  }));
  expect(exposed.require).toBe('undefined');
  expect(exposed.process).toBe('undefined');
  // The generic call and subscription of the host-call table, and nothing else.
  expect(exposed.duet).toEqual(['call', 'subscribe']);
  const info = await page.evaluate(() =>
    (window as unknown as { duet: { call(name: string, args: unknown[]): Promise<unknown> } }).duet.call('app:info', []),
  );
  expect(info).toMatchObject({ ok: true, value: { name: 'Duet', shell: 'electron' } });
  const refused = await page.evaluate(() =>
    (window as unknown as { duet: { call(name: string, args: unknown[]): Promise<unknown> } }).duet.call('shell:exec', ['id']),
  );
  expect(refused).toMatchObject({ ok: false, error: { code: 'bad-argument' } });
});

test('an Electron host creates a session, a browser guest joins, and both see the terminal', async ({ browser, people }) => {
  const page = await launchDuet();
  const host: Person = { name: 'Ada', context: page.context(), page };
  await page.getByLabel('Your name').fill('Ada');
  await page.getByRole('button', { name: 'New session' }).click();
  const code = (await page.getByTestId('invite-code').textContent())!;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  const guest = await newPerson(browser, 'Grace');
  people.push(guest);
  await knock(guest, await embeddedRelay(page), code);
  await admit(host, guest);

  await terminalReady(page);
  await terminalReady(guest.page);
  await expectShellReady(page);
  await typeInTerminal(page, 'echo ELECTRON$((40+2))');
  await page.keyboard.press('Enter');
  await expectTerminalToShow(page, 'ELECTRON42');
  await expectTerminalToShow(guest.page, 'ELECTRON42');
});
