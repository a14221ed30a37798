import { expect, type Page } from '@playwright/test';

/** What the terminal panel exposes on `window.duetDebug` (src/renderer/terminal/terminal-debug.ts). */
interface TerminalDebug {
  terminalText(): string;
  terminalBufferText(): string;
  terminalSize(): { cols: number; rows: number };
}

/** The terminal section of the session screen. */
export function terminalSection(page: Page) {
  return page.getByRole('region', { name: 'Terminal' });
}

/** The bottom screen of this page's terminal, one line per row. */
export function screenText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: TerminalDebug }).duetDebug.terminalText());
}

/** Every line this page's terminal holds, scrollback included. */
export function bufferText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: TerminalDebug }).duetDebug.terminalBufferText());
}

/** This page's terminal size in cells. */
export function terminalSize(page: Page): Promise<{ cols: number; rows: number }> {
  return page.evaluate(() => (window as unknown as { duetDebug: TerminalDebug }).duetDebug.terminalSize());
}

/** Waits until the terminal panel is mounted (its debug hook exists). */
export async function terminalReady(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { duetDebug?: Partial<TerminalDebug> }).duetDebug?.terminalText)).toBe(
    'function',
  );
}

/** Focuses the terminal and types like a person; `\n` presses Enter. */
export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await terminalSection(page).locator('.xterm').click();
  await page.keyboard.type(text);
}

/** Waits until the terminal (scrollback included) shows `text`. */
export async function expectTerminalToShow(page: Page, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect
    .poll(() => bufferText(page), { timeout, message: `terminal should show ${String(text)}` })
    .toMatch(typeof text === 'string' ? new RegExp(escapeRegExp(text)) : text);
}

/** Waits until the host's shell shows a prompt (anything printed), so typing lands in a ready shell. */
export async function expectShellReady(page: Page): Promise<void> {
  await expect.poll(() => bufferText(page).then((text) => text.trim().length > 0), { timeout: 15_000 }).toBe(true);
}

/** Waits until the host's shell is ready and every guest's terminal is mounted: the start of every shared-terminal test. */
export async function sharedTerminalReady(host: Page, ...guests: Page[]): Promise<void> {
  await Promise.all([host, ...guests].map(terminalReady));
  await expectShellReady(host);
}

/** Waits until every page's terminal shows the same screen and returns it. */
export async function expectSameScreen(pages: Page[], timeout = 30_000): Promise<string> {
  let last: string[] = [];
  await expect
    .poll(
      async () => {
        last = await Promise.all(pages.map(screenText));
        return last.every((text) => text === last[0]);
      },
      { timeout, message: 'terminal screens should converge' },
    )
    .toBe(true);
  return last[0]!;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
