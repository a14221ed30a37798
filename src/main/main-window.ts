import { BrowserWindow, session, shell } from 'electron';
import { contentSecurityPolicy } from '../shared/content-security-policy';
import { isAppUrl } from './app-url';
import { leaveAppTo } from './external-links';
import type { Rect } from './window-bounds';
import { mainWindowOptions } from './window-options';

export interface MainWindowOptions {
  preloadPath: string;
  appUrl: string;
  log(message: string): void;
  /** Where to open (remembered, fitted to today's displays); the default size when absent. */
  bounds?: Rect;
}

/**
 * Session-wide hardening, once before any window: every response gets Duet's CSP, and
 * every permission request (camera, notifications, ...) is denied.
 */
export function hardenSession(options: { connectSources: string[] }): void {
  const csp = contentSecurityPolicy({ connectSources: options.connectSources });
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Creates Duet's window: hardened options, no navigation away from the app, no new windows. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(options.preloadPath, options.bounds));
  const contents = window.webContents;
  contents.on('will-navigate', (event) => {
    // The renderer routes with the URL hash, which never fires will-navigate: anything that does is leaving the app.
    event.preventDefault();
    leaveAppTo(shell, event.url, options.log);
  });
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url, options.appUrl)) return;
    event.preventDefault();
    options.log(`blocked redirect to ${event.url.slice(0, 200)}`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    leaveAppTo(shell, url, options.log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  return window;
}
