import { pathToFileURL } from 'node:url';

/**
 * Where the renderer is loaded from: the electron-vite dev server in development
 * (ELECTRON_RENDERER_URL), else out/renderer/index.html as a file URL.
 */
export function appUrl(rendererIndexPath: string, devServerUrl: string | undefined): string {
  return devServerUrl ? new URL('/', devServerUrl).href : pathToFileURL(rendererIndexPath).href;
}

/**
 * True when `url` is a page of the app itself: the same file (query and hash may differ,
 * the renderer routes with them) or, for a dev server, the same origin.
 */
export function isAppUrl(url: string, app: string): boolean {
  let candidate: URL;
  let expected: URL;
  try {
    candidate = new URL(url);
    expected = new URL(app);
  } catch {
    return false;
  }
  if (expected.protocol === 'file:') return candidate.protocol === 'file:' && candidate.pathname === expected.pathname && candidate.host === '';
  return candidate.origin === expected.origin;
}
