import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppInfo, LocalRelayInfo } from '../shared/host-api';
import { HostApiError } from '../shared/host-api';
import { dispatchHostCall, forwardHostEvents, type HostCallTarget } from '../shared/host-api/host-call-dispatch';
import { rendererPageHeaders } from '../shared/content-security-policy';
import { checkExternalUrl } from '../shared/external-url';
import { HOST_SOCKET_MAX_MESSAGE_BYTES } from '../shared/host-api/host-socket-protocol';
import { createSettingsStore } from '../host/settings-store';
import { createHostSocketHub } from './host-socket-hub';
import { HostingPage } from './hosting-page';
import { createLazyHostServices, type HostServicesLike } from './lazy-host-services';
import { createStaticHandler } from './static-files';
import { checkHostUpgrade } from './upgrade-guard';

export interface WebShellOptions {
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** Where settings, workspaces and the embedded relay's data live. */
  dataDir: string;
  /** Port on 127.0.0.1 (0 = any free port). */
  port: number;
  /** App version for app:info. */
  version: string;
  /** Creates the host services (pty, run) on first use; given the workspace root. */
  createServices(workspaceRoot: string): Promise<HostServicesLike>;
  /** The relay to use: a configured URL (no local relay), or a starter for the embedded one. */
  relay: { url: string } | { start(): Promise<{ url: string; stop(): Promise<void> }> };
  /** Opens a validated http(s) URL in the system browser. */
  openUrl(url: string): Promise<void>;
  /** Dispose the host services this long after the last host socket closed (default 60 s). */
  servicesIdleMs?: number;
  /** Fixed token (tests); default a fresh random one per launch. */
  token?: string;
}

export interface WebShell {
  /** The URL to open, with the token: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  port: number;
  token: string;
  localRelay: LocalRelayInfo | null;
  /** Stops serving, ends the host services (no orphan shells) and the embedded relay. */
  close(): Promise<void>;
}

/** Errors the shell reports before it can serve, with a code for the CLI. */
export class WebShellError extends Error {
  constructor(
    readonly code: 'renderer-missing',
    message: string,
  ) {
    super(message);
    this.name = 'WebShellError';
  }
}

/**
 * The web shell: serves the built renderer on 127.0.0.1 and offers the host services over
 * the token-guarded local WebSocket at /host, so the whole product runs in a browser.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  if (!existsSync(join(options.rendererDir, 'index.html'))) {
    throw new WebShellError('renderer-missing', `no built renderer in ${options.rendererDir}; run \`npm run build\` first`);
  }
  const token = options.token ?? randomBytes(32).toString('base64url');
  const relay = 'url' in options.relay ? configuredRelay(options.relay.url) : await embeddedRelay(options.relay.start);
  const localRelay = relay.local ? { url: relay.url } : null;
  const settings = createSettingsStore({
    dataDir: options.dataDir,
    defaults: { relayUrl: relay.local ? '' : relay.url },
    onProblem: (message) => console.error(`duet: ${message}`),
  });

  const base: Omit<HostCallTarget, 'terminal' | 'run'> = {
    appInfo: async (): Promise<AppInfo> => ({ name: 'Duet', version: options.version, platform: process.platform, shell: 'web' }),
    getSettings: () => settings.load(),
    setSettings: (patch) => settings.save(patch),
    openExternal: async (url) => {
      const checked = checkExternalUrl(url);
      if (!checked.ok) throw new HostApiError('forbidden', checked.reason);
      await options.openUrl(checked.url);
    },
    localRelay: async () => localRelay,
  };
  const hosting = new HostingPage<WebSocket>();
  const hostServices = createLazyHostServices(
    () => options.createServices(join(options.dataDir, 'workspaces')),
    (services) =>
      forwardHostEvents(services, (event, payload) => {
        const page = hosting.current();
        if (page) hub.send(page, event, payload);
      }),
  );
  const hub = createHostSocketHub({
    dispatch: async (call, args, page) => {
      const needsServices = call.startsWith('terminal:') || call.startsWith('run:');
      if (needsServices) await hosting.claim(page);
      const services = needsServices ? await hostServices.get() : undefined;
      const answer = dispatchHostCall(hostTarget(services), call, args);
      // Closing the shell is how a page's session ends: another tab may host after it.
      if (call === 'terminal:close') hosting.closingBy(page, answer);
      const result = await answer;
      if (call === 'terminal:close') hosting.release(page);
      return result;
    },
    onSocketClosed: (page, open) => {
      hosting.release(page);
      scheduleIdleDispose(open);
    },
  });
  function hostTarget(services: HostServicesLike | undefined): HostCallTarget {
    return {
      ...base,
      get terminal() {
        return required(services).terminal;
      },
      get run() {
        return required(services).run;
      },
    };
  }

  let idleTimer: NodeJS.Timeout | undefined;
  function scheduleIdleDispose(size: number): void {
    clearTimeout(idleTimer);
    idleTimer = undefined;
    if (size > 0 || !hostServices.current()) return;
    idleTimer = setTimeout(() => {
      hostServices.dispose().catch((error: unknown) => console.error('duet: disposing host services failed', error));
    }, options.servicesIdleMs ?? 60_000);
    idleTimer.unref();
  }

  const serveStatic = createStaticHandler(options.rendererDir, rendererPageHeaders());
  const server = createServer(serveStatic);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: HOST_SOCKET_MAX_MESSAGE_BYTES, perMessageDeflate: false });
  server.on('upgrade', (request, socket, head) => {
    // Only until the upgrade is done: afterwards ws owns the socket (a closing tab resets it, which is no news).
    const onUpgradeError = (error: Error) => console.error('duet: host socket upgrade failed', error.message);
    socket.on('error', onUpgradeError);
    const verdict = checkHostUpgrade(request, token, (server.address() as AddressInfo).port);
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${STATUS_TEXT[verdict.status]}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(verdict.reason) + 1}\r\n\r\n${verdict.reason}\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      socket.off('error', onUpgradeError);
      hub.accept(ws);
      scheduleIdleDispose(hub.size);
    });
  });

  try {
    await listen(server, options.port);
  } catch (error) {
    await relay.stop();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    localRelay,
    close() {
      closing ??= (async () => {
        clearTimeout(idleTimer);
        hub.closeAll('Duet is shutting down');
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.allSettled([hostServices.dispose(), relay.stop()]);
      })();
      return closing;
    },
  };
}

function configuredRelay(url: string) {
  return { url, local: false, stop: async () => undefined };
}

async function embeddedRelay(start: () => Promise<{ url: string; stop(): Promise<void> }>) {
  const started = await start();
  return { url: started.url, local: true, stop: () => started.stop() };
}

function required(services: HostServicesLike | undefined): HostServicesLike {
  if (!services) throw new HostApiError('internal', 'host services were not created for this call');
  return services;
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

/** Listens on loopback only: the host services must never be reachable from the network. */
function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
