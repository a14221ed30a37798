import { app, BrowserWindow, ipcMain, screen, shell } from 'electron';
import { join, resolve } from 'node:path';
import type { AppInfo } from '../shared/host-api';
import { forwardHostEvents, type HostCallTarget } from '../shared/host-api/host-call-dispatch';
import { createHostServices, type HostServices } from '../host/index';
import { startLocalRelay, type LocalRelay } from '../host/local-relay';
import { createSettingsStore } from '../host/settings-store';
import { appUrl as resolveAppUrl } from './app-url';
import { openExternalSafely } from './external-links';
import { findInviteLink, INVITE_SCHEME, parseInviteLink } from './invite-link';
import { registerIpcHandlers } from './ipc-handlers';
import { createMainWindow, hardenSession } from './main-window';
import { clampToDisplays, trackWindowBounds, WINDOW_BOUNDS_FILE, WindowBoundsStore, type WindowBounds } from './window-bounds';
import { MIN_WINDOW_SIZE } from './window-options';

/**
 * Electron main: a thin adapter. One hardened window, IPC handlers over the host services,
 * the embedded relay as a child process, and `duet://` invite links routed to the page.
 */
const here = import.meta.dirname; // out/main
const rendererIndex = resolve(here, '../renderer/index.html');
const appUrl = resolveAppUrl(rendererIndex, process.env.ELECTRON_RENDERER_URL);
const log = (message: string): void => console.error(`duet: ${message}`);

let window: BrowserWindow | undefined;
let relay: LocalRelay | undefined;
let services: HostServices | undefined;
let stopForwarding: (() => void) | undefined;
let pageLoaded = false;
let windowBounds: WindowBoundsStore | undefined;
let savedBounds: WindowBounds | undefined;
const pendingInviteLinks: string[] = [];

// A separate profile (tests, a second account on one machine): its own settings, workspaces and lock.
if (process.env.DUET_USER_DATA_DIR) app.setPath('userData', resolve(process.env.DUET_USER_DATA_DIR));

if (!app.requestSingleInstanceLock()) {
  // Another Duet is running; it receives our argv (and any invite link) via second-instance.
  app.quit();
} else {
  registerInviteLinks();
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function registerInviteLinks(): void {
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(INVITE_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(INVITE_SCHEME);
  }
  // macOS hands links over by event (possibly before ready); Windows and Linux by argv.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    deliverInviteLink(url);
  });
  app.on('second-instance', (_event, argv) => {
    const link = findInviteLink(argv);
    if (link) deliverInviteLink(link);
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  const atLaunch = findInviteLink(process.argv);
  if (atLaunch) deliverInviteLink(atLaunch);
}

function deliverInviteLink(url: string): void {
  const link = parseInviteLink(url);
  if (!link) return log(`ignored an invalid invite link`);
  if (window && pageLoaded) window.webContents.send('app:invite-link', link);
  else pendingInviteLinks.push(link);
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  try {
    relay = await startLocalRelay({
      script: join(here, 'relay.js'),
      execPath: process.execPath,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      dataDir: join(userData, 'relay'),
      webRoot: resolve(here, '../renderer'),
      onLog: (line) => log(`relay: ${line}`),
    });
  } catch (error) {
    // Duet still works against a configured relay; the page shows no local one.
    log(`the embedded relay did not start: ${(error as Error).message}`);
  }
  hardenSession({ connectSources: relay ? [`ws://127.0.0.1:${relay.port}`] : [] });

  const settings = createSettingsStore({ dataDir: userData, onProblem: log });
  const target: HostCallTarget = {
    appInfo: async (): Promise<AppInfo> => ({ name: 'Duet', version: app.getVersion(), platform: process.platform, shell: 'electron' }),
    getSettings: () => settings.load(),
    setSettings: (patch) => settings.save(patch),
    openExternal: (url) => openExternalSafely(shell, url),
    localRelay: async () => (relay ? { url: relay.url } : null),
    get terminal() {
      return hostServices().terminal;
    },
    get run() {
      return hostServices().run;
    },
  };
  registerIpcHandlers(ipcMain, { mainFrame: () => window?.webContents.mainFrame, appUrl, target: () => target });
  windowBounds = new WindowBoundsStore({ file: join(userData, WINDOW_BOUNDS_FILE), onProblem: log });
  savedBounds = await windowBounds.load();
  openWindow();
  app.on('activate', () => {
    if (!window) openWindow();
  });
}

/** Host services are created on first use: no shell runs until someone opens the terminal. */
function hostServices(): HostServices {
  if (!services) {
    services = createHostServices({
      workspaceRoot: join(app.getPath('userData'), 'workspaces'),
      nodePath: process.execPath,
      nodeEnv: { ELECTRON_RUN_AS_NODE: '1' },
    });
    stopForwarding = forwardHostEvents(services, (event, payload) => {
      if (window && !window.isDestroyed()) window.webContents.send(event, payload);
    });
  }
  return services;
}

function openWindow(): void {
  pageLoaded = false;
  // Where it was last time, fitted to the displays there are now (one may be gone).
  const displays = screen.getAllDisplays().map((display) => display.workArea);
  const bounds = savedBounds && clampToDisplays(savedBounds, displays, screen.getPrimaryDisplay().workArea, MIN_WINDOW_SIZE);
  const created = createMainWindow({
    preloadPath: resolve(here, '../preload/index.cjs'),
    appUrl,
    log,
    ...(bounds ? { bounds } : {}),
  });
  window = created;
  if (savedBounds?.maximized) created.maximize();
  if (windowBounds) trackWindowBounds(created, windowBounds);
  created.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    for (const link of pendingInviteLinks.splice(0)) created.webContents.send('app:invite-link', link);
  });
  created.on('closed', () => {
    if (window === created) window = undefined;
  });
  const loading = process.env.ELECTRON_RENDERER_URL ? created.loadURL(appUrl) : created.loadFile(rendererIndex);
  loading.catch((error: unknown) => log(`could not load the app: ${(error as Error).message}`));
}

// Quit only after the shell (and every process it started) and the relay are gone.
let cleanedUp = false;
let cleaning: Promise<void> | undefined;
app.on('before-quit', (event) => {
  if (cleanedUp) return;
  event.preventDefault();
  cleaning ??= cleanUp().finally(() => {
    cleanedUp = true;
    app.quit();
  });
});
app.on('window-all-closed', () => app.quit());

async function cleanUp(): Promise<void> {
  stopForwarding?.();
  await windowBounds?.flush();
  const results = await Promise.allSettled([services?.dispose(), relay?.stop()]);
  for (const result of results) if (result.status === 'rejected') log(`cleanup failed: ${String(result.reason)}`);
}

function fail(error: unknown): void {
  log(`could not start: ${(error as Error).message ?? String(error)}`);
  app.exit(1);
}
