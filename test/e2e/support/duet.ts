import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { RelayProcess, WebShellProcess } from '../../support/processes';

/** Viewport of every page: large enough for editor, people and chat side by side. */
export const VIEWPORT = { width: 1400, height: 900 };

/** What `window.duetDebug` offers tests: converged state to read, never to drive. */
interface DuetDebug {
  getCode(): string;
  getChat(): { author: string; text: string }[];
  state(): { screen: string; connection?: string; language?: string; members: { name: string; connection: string }[] };
}

/** A browser page with its own context (cookies, storage, network): one person. */
export interface Person {
  name: string;
  context: BrowserContext;
  page: Page;
}

/** Opens a fresh context and page for one person; clipboard access granted for "Copy code". */
export async function newPerson(browser: Browser, name: string): Promise<Person> {
  const context = await browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error));
  return { name, context, page };
}

/** The host creates a session in the web shell; returns the invite code shown. */
export async function createSession(host: Person, shell: WebShellProcess): Promise<string> {
  await host.page.goto(shell.url);
  await host.page.getByLabel('Your name').fill(host.name);
  await host.page.getByRole('button', { name: 'New session' }).click();
  const code = host.page.getByTestId('invite-code');
  await expect(code).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  return (await code.textContent())!;
}

/** A browser guest opens the relay's page, types the code and knocks. */
export async function knock(guest: Person, relay: RelayProcess, code: string): Promise<void> {
  await guest.page.goto(relay.httpUrl);
  await guest.page.getByLabel('Your name').fill(guest.name);
  await guest.page.getByLabel('Invite code or link').fill(code);
  await guest.page.getByRole('button', { name: 'Join' }).click();
  await expect(guest.page.getByRole('status').filter({ hasText: 'Waiting for the host to admit you' })).toBeVisible();
}

/** The host admits a knocking guest, who then sees the session. */
export async function admit(host: Person, guest: Person): Promise<void> {
  await host.page.getByRole('button', { name: `Admit ${guest.name}` }).click();
  await expect(guest.page.getByRole('list', { name: 'Participants' })).toContainText(host.name);
  await expect(host.page.getByRole('list', { name: 'Participants' })).toContainText(guest.name);
}

/** Host (web shell) and guest (browser on the relay's page) in one session. */
export async function twoPersonSession(
  browser: Browser,
  servers: { shell: WebShellProcess; relay: RelayProcess },
  names: { host?: string; guest?: string } = {},
): Promise<{ host: Person; guest: Person; code: string }> {
  const host = await newPerson(browser, names.host ?? 'Ada');
  const guest = await newPerson(browser, names.guest ?? 'Grace');
  const code = await createSession(host, servers.shell);
  await knock(guest, servers.relay, code);
  await admit(host, guest);
  return { host, guest, code };
}

/** Puts the keyboard caret into the editor (at the end of the document) . */
export async function focusEditor(page: Page): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
}

/**
 * Types into the editor like a person, at the end of the document. Line breaks are
 * inserted as text, not as Enter key presses: IntelliSense may open its suggestions
 * asynchronously at any moment, and an Enter would then accept one.
 */
export async function typeInEditor(page: Page, text: string, delay = 0): Promise<void> {
  await focusEditor(page);
  await typeAtCaret(page, text, delay);
}

/** Types at the editor's caret (see typeInEditor). */
export async function typeAtCaret(page: Page, text: string, delay = 0): Promise<void> {
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (index > 0) {
      await page.keyboard.press('Escape');
      await page.keyboard.insertText('\n');
    }
    if (line) await page.keyboard.type(line, { delay });
  }
}

/** The document as this page's Y.Doc has it. */
export function codeOf(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: DuetDebug }).duetDebug.getCode());
}

/** The chat as this page's Y.Doc has it. */
export function chatOf(page: Page): Promise<{ author: string; text: string }[]> {
  return page.evaluate(() => (window as unknown as { duetDebug: DuetDebug }).duetDebug.getChat());
}

/** Waits until every page has the same document, and returns it. */
export async function converged(pages: Page[], timeout = 15_000): Promise<string> {
  let last: string[] = [];
  await expect
    .poll(async () => {
      last = await Promise.all(pages.map(codeOf));
      return last.every((code) => code === last[0]);
    }, { timeout })
    .toBe(true);
  return last[0]!;
}

/** Closes every person's context. */
export async function closeAll(...people: (Person | undefined)[]): Promise<void> {
  await Promise.all(people.map((person) => person?.context.close()));
}

/** A person's entry in the participant list of `page`. */
export function participant(page: Page, name: string) {
  return page.getByRole('list', { name: 'Participants' }).getByRole('listitem').filter({ hasText: name });
}
