import type { Browser } from '@playwright/test';
import type { RelayProcess } from '../relays/child';
import { admit, createSession, grantTerminal, knock, newPerson, terminalBuffer, type Person } from './people';
import { buildDuetIfStale, launchChromium, startServingRelay, startWebShell } from './servers';

/** A running two-person Duet: relay, web shell, Chromium, the host (web shell) and a granted browser guest. */
export interface DuetSession {
  browser: Browser;
  relay: RelayProcess;
  relayHttpUrl: string;
  host: Person;
  guest: Person;
  code: string;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds when stale, starts everything and waits until the host's shell has printed its prompt. */
export async function startDuetSession(): Promise<DuetSession> {
  buildDuetIfStale();
  const { relay, url, httpUrl } = await startServingRelay();
  const shell = await startWebShell(url);
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    await shell.stop();
    await relay.stop();
  };
  try {
    const host = await newPerson(browser, 'Ada');
    const guest = await newPerson(browser, 'Grace');
    const code = await createSession(host, shell.url);
    await knock(guest, httpUrl, code);
    await admit(host, guest);
    await grantTerminal(host, guest);
    const deadline = performance.now() + 15_000;
    while ((await terminalBuffer(host.page)).trim() === '' && performance.now() < deadline) await sleep(100);
    return { browser, relay, relayHttpUrl: httpUrl, host, guest, code, close };
  } catch (error) {
    await close();
    throw error;
  }
}
