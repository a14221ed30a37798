import type { BrowserWindowConstructorOptions } from 'electron';
import type { Rect } from './window-bounds';

/** The smallest window Duet's layout works in. */
export const MIN_WINDOW_SIZE = { width: 760, height: 520 } as const;

/**
 * Options of Duet's one window, hardened per Electron's security checklist: the page runs
 * sandboxed and isolated from the preload, with no Node, and may not load insecure content.
 * `bounds` (remembered from last time, already fitted to the displays) place it.
 */
export function mainWindowOptions(preloadPath: string, bounds?: Rect): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    ...(bounds ?? {}),
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Duet',
    show: false, // shown on ready-to-show, so there is no white flash
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
