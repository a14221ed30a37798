import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import { createContext } from './context';
import { createHttpHandler } from './http';
import { RelayHub } from './hub';
import { RelayMetrics } from './metrics';
import { resolveRelayOptions, type RelayOptions, type RelayOptionsInput } from './options';
import { loadSecret } from './secret';
import type { Connection } from './connection';
import { FileStore } from './store/file-store';
import { MemoryStore } from './store/memory-store';
import type { RelayStore } from './store/relay-store';

export { RelayOptionsError, type RelayOptions, type RelayOptionsInput } from './options';

/** A running relay. */
export interface Relay {
  /** WebSocket endpoint, e.g. `ws://127.0.0.1:4321/ws`. */
  readonly url: string;
  /** Base HTTP(S) URL, e.g. `http://127.0.0.1:4321` (for /healthz and /metrics). */
  readonly httpUrl: string;
  readonly port: number;
  /** Stops accepting, closes members with 1001 `server-shutting-down`, resolves within a few seconds. */
  close(): Promise<void>;
}

/** The WebSocket path; every other upgrade is answered 404. */
export const WS_PATH = '/ws';

/** Starts a relay and resolves once it listens. */
export async function createRelay(input: RelayOptionsInput = {}): Promise<Relay> {
  const options = resolveRelayOptions(input);
  const log = options.logger ?? pino({ level: options.logLevel, base: { component: 'relay' } });
  // In a cluster, Redis holds the records and the shared secret; alone, the data dir does.
  // The cluster code (and the Redis client under it, ~7 MB of a node's RSS) loads only when asked for.
  const joined =
    options.redisUrl === undefined
      ? undefined
      : await (await import('./cluster/join-cluster')).joinCluster({ url: options.redisUrl, nodeId: options.nodeId, secret: options.secret, limits: options.limits, log });
  const { key, source } = joined === undefined ? await loadSecret(options.secret, options.dataDir) : { key: joined.key, source: 'cluster' as const };
  if (joined === undefined && options.dataDir === undefined) {
    log.warn('no data dir: sessions will not survive a restart of this relay');
  }
  const connections = new Set<Connection>();
  // Sessions in use are never expired from the record, however quiet they have been.
  let held: (sid: string) => boolean = () => false;
  const store: RelayStore =
    options.store ??
    joined?.store ??
    (options.dataDir === undefined ? new MemoryStore() : await FileStore.open(options.dataDir, { log, keep: (sid) => held(sid) }));
  const metrics = new RelayMetrics({
    connections: () => connections.size,
    sessions: () => ctx.sessions.size,
    lookupBudgetExhausted: () => ctx.addresses.lookupBudgetExhausted(),
    cluster: () => cluster?.figures(),
  });
  const ctx = createContext({ limits: options.limits, store, metrics, log, key, addresses: joined?.addresses });
  const cluster = joined?.node(ctx);
  ctx.cluster = cluster;
  held = (sid) => ctx.sessions.get(sid) !== undefined;
  const handler = createHttpHandler({
    metrics,
    log,
    webRoot: options.webRoot,
    metricsToken: options.metricsToken,
    health: () => (ctx.shuttingDown ? 'draining' : cluster !== undefined && !cluster.healthy ? 'degraded' : 'ok'),
  });
  const server = await createServer(options, handler);
  const liveHub = new RelayHub(ctx, connections);
  cluster?.start(liveHub);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.limits.maxFrameBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  // One listener for every socket, defined out here: a closure made inside the upgrade
  // handler would share its scope, and so keep each connection's upgrade request alive.
  const onSocketError = (error: Error): void => log.debug({ err: error }, 'upgrade socket error');
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', onSocketError);
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (ctx.shuttingDown) return rejectUpgrade(socket, 503, 'Service Unavailable');
    const ip = clientIp(req, options.trustProxy);
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws handles the socket's errors from here on.
      socket.off('error', onSocketError);
      liveHub.accept(ws, ip);
    });
  });
  server.on('clientError', (error, socket) => {
    log.debug({ err: error }, 'http client error');
    socket.destroy();
  });

  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await liveHub.shutdown(0);
    await cluster?.stop();
    await joined?.clients.close();
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const tls = options.tlsCert !== undefined;
  const hostForUrl = urlHost(options.host);
  const httpUrl = `${tls ? 'https' : 'http'}://${hostForUrl}:${port}`;
  const url = `${tls ? 'wss' : 'ws'}://${hostForUrl}:${port}${WS_PATH}`;
  log.info(
    {
      url,
      host: options.host,
      port,
      httpUrl,
      secret: source,
      dataDir: options.dataDir ?? null,
      records: store instanceof FileStore ? store.loaded.sessions : null,
      webRoot: options.webRoot ?? null,
      trustProxy: options.trustProxy ?? false,
      metricsProtected: options.metricsToken !== undefined,
      cluster: cluster === undefined ? null : { nodeId: cluster.nodeId, address: cluster.address, redis: cluster.healthy ? 'up' : 'down' },
    },
    'relay listening',
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // New members are refused (503 on upgrade) and /healthz says 503 from here on, so a
      // balancer drains this node while its members are closed with 1001.
      ctx.shuttingDown = true;
      await cluster?.drain();
      await liveHub.shutdown(options.shutdownTimeoutMs);
      await cluster?.stop();
      await store.close();
      await joined?.clients.close();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      log.info({ port }, 'relay closed');
    })();
    return closing;
  };
  return { url, httpUrl, port, close };
}

async function createServer(options: RelayOptions, handler: ReturnType<typeof createHttpHandler>): Promise<Server> {
  if (options.tlsCert === undefined || options.tlsKey === undefined) return createHttpServer(handler);
  // One after the other, so a start-up failure always names the first missing file.
  const cert = await readFile(options.tlsCert);
  const key = await readFile(options.tlsKey);
  return createHttpsServer({ cert, key }, handler);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The client's IP: the socket's peer, or the address the (trusted) proxy appended last. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const value = Array.isArray(header) ? header.at(-1) : header;
    const last = value?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** The host part of the URLs we print: wildcard binds are reached on loopback; IPv6 needs brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
