import type { HostApi } from '../../shared/host-api';
import { createElectronHostApi } from './electron-host-api';
import { createWebHostApi, hostSocketUrl } from './web-host-api';

export { createElectronHostApi } from './electron-host-api';
export { createWebHostApi, hostSocketUrl } from './web-host-api';

/** Where the web shell's token is kept so a reload still reaches the host services. */
const TOKEN_STORAGE_KEY = 'duet.hostToken';

let detected: Promise<HostApi | null> | undefined;

/**
 * The HostApi of the shell this page runs in: Electron when the preload exposed
 * `window.duet`; the web shell when the page was opened with its `?token=` (the token then
 * leaves the visible URL, kept for this tab only); otherwise null — a browser guest on a
 * relay-served page, which can only join. The answer is the same for the page's lifetime.
 */
export function detectHostApi(): Promise<HostApi | null> {
  detected ??= Promise.resolve(detect());
  return detected;
}

function detect(): HostApi | null {
  if (window.duet) return createElectronHostApi(window.duet);
  const token = takeTokenFromUrl() ?? readStoredToken();
  if (!token) return null;
  return createWebHostApi(hostSocketUrl(window.location, token));
}

/** Reads `?token=` and removes it from the address bar and history (it must not be shared by copy-paste). */
function takeTokenFromUrl(): string | undefined {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return undefined;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  try {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch (error) {
    // Storage can be disabled; the token then lives only until the page reloads.
    console.warn('cannot keep the host token for reloads', error);
  }
  return token;
}

function readStoredToken(): string | undefined {
  try {
    return window.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? undefined;
  } catch (error) {
    console.warn('cannot read the host token', error);
    return undefined;
  }
}
