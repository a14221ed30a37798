import type { Browser, Page } from '@playwright/test';
import { startBareRelay } from '../relays/baselines';
import { buildBarePage, serveFolder } from './bare-pages';
import { PAGE_HELPERS } from './page-probes';

/** Two baseline pages (sender and receiver) of one kind over a bare ws relay. */
export interface BarePair {
  sender: Page;
  receiver: Page;
  close(): Promise<void>;
}

/** Opens the two pages of `kind` and waits until both sockets are open. */
export async function openBarePair(browser: Browser, kind: 'editor' | 'terminal'): Promise<BarePair> {
  const folder = await buildBarePage();
  const server = await serveFolder(folder);
  const relay = await startBareRelay();
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await context.addInitScript(PAGE_HELPERS);
  const closeAll = async () => {
    await context.close();
    await relay.stop();
    await server.close();
  };
  try {
    const url = `${server.url}/index.html?kind=${kind}&ws=${encodeURIComponent(`ws://127.0.0.1:${relay.port}/room-${kind}`)}`;
    const sender = await context.newPage();
    const receiver = await context.newPage();
    for (const page of [sender, receiver]) {
      await page.goto(url);
      await page.waitForFunction(() => (window as unknown as { bareStatus?: { open: boolean } }).bareStatus?.open === true);
    }
    const target = kind === 'editor' ? '.monaco-editor .view-lines' : '.xterm';
    await sender.locator(target).click();
    return { sender, receiver, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
