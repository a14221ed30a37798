import { HostApiError } from '../shared/host-api';
import { checkExternalUrl } from '../shared/external-url';

/** The part of Electron's `shell` used here (injected so it is testable without Electron). */
export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

/** Opens a link in the system browser only when it is a plain http(s) URL; otherwise rejects with 'forbidden'. */
export async function openExternalSafely(shell: ExternalOpener, url: string): Promise<void> {
  const checked = checkExternalUrl(url);
  if (!checked.ok) throw new HostApiError('forbidden', checked.reason);
  await shell.openExternal(checked.url);
}

/**
 * What to do when the page tries to leave the app (a link, location change, window.open):
 * never navigate the window; hand http(s) links to the system browser, drop the rest.
 */
export function leaveAppTo(shell: ExternalOpener, url: string, log: (message: string) => void): void {
  const checked = checkExternalUrl(url);
  if (!checked.ok) {
    log(`blocked navigation to ${url.slice(0, 200)}: ${checked.reason}`);
    return;
  }
  shell.openExternal(checked.url).catch((error: unknown) => log(`could not open ${checked.url}: ${(error as Error).message}`));
}
