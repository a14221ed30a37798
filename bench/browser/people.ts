import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { PAGE_HELPERS } from './page-probes';

/**
 * The few steps of a session the browser benchmarks need, done as a person does them
 * (the same steps as test/e2e/support/duet.ts).
 */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** The e2e tests' viewport. */
const VIEWPORT = { width: 1400, height: 900 };

/** A fresh browser context and page: one person. */
export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  await context.addInitScript(PAGE_HELPERS);
  const page = await context.newPage();
  page.on('pageerror', (error) => process.stderr.write(`[${name}] page error: ${error.message}\n`));
  return { name, context, page };
}

/** The host starts a session in the web shell; resolves with the invite code. */
export async function createSession(host: Person, shellUrl: string): Promise<string> {
  await host.page.goto(shellUrl);
  await host.page.getByLabel('Your name').fill(host.name);
  await host.page.getByRole('button', { name: 'New session' }).click();
  const code = host.page.getByTestId('invite-code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  return (await code.textContent())!;
}

/** A browser guest opens the relay's page and knocks with the code. */
export async function knock(guest: Person, relayHttpUrl: string, code: string): Promise<void> {
  await guest.page.goto(relayHttpUrl);
  await guest.page.getByLabel('Your name').fill(guest.name);
  await guest.page.getByLabel('Invite code or link').fill(code);
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('status').filter({ hasText: 'Waiting for the host to admit you' })).toBeVisible();
}

/** The host admits the guest; resolves once both see each other. */
export async function admit(host: Person, guest: Person): Promise<void> {
  await host.page.getByRole('button', { name: `Admit ${guest.name}` }).click();
  await expect(guest.page.getByRole('list', { name: 'Participants' })).toContainText(host.name, { timeout: 15_000 });
}

/** The host grants terminal input to the guest. */
export async function grantTerminal(host: Person, guest: Person): Promise<void> {
  await host.page.getByRole('switch', { name: `Terminal input for ${guest.name}` }).click();
  await expect(guest.page.getByRole('status', { name: 'Terminal access' })).toHaveText('You can type in the terminal');
}

/** Keyboard focus at the end of the editor's document. */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
}

/** Keyboard focus in the terminal. */
export async function focusTerminal(page: Page): Promise<void> {
  await page.getByRole('region', { name: 'Terminal' }).locator('.xterm').click();
}

/** Every line the page's terminal holds (window.duetDebug, read-only). */
export function terminalBuffer(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: { terminalBufferText(): string } }).duetDebug.terminalBufferText());
}

/** The page's terminal screen (bottom rows). */
export function terminalScreen(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: { terminalText(): string } }).duetDebug.terminalText());
}

/** The page's document. */
export function documentText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: { getCode(): string } }).duetDebug.getCode());
}

/** Waits until the page's terminal (scrollback included) matches. */
export async function waitForTerminal(page: Page, pattern: RegExp, timeout = 30_000): Promise<void> {
  await expect.poll(() => terminalBuffer(page), { timeout, intervals: [100] }).toMatch(pattern);
}
