import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import serveStatic from 'serve-static';
import { rendererCacheControl, rendererPageHeaders } from '../src/shared/content-security-policy';
import type { RelayMetrics } from './metrics';

/** What the plain HTTP side of the relay needs to know. */
export interface HttpDeps {
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** Folder of a built renderer served at `/`; undefined for none. */
  readonly webRoot: string | undefined;
  /** Bearer token `/metrics` requires; undefined leaves it open. */
  readonly metricsToken: string | undefined;
  /**
   * `draining` once shutdown began (/healthz answers 503 so balancers move on); `degraded`
   * while a cluster node cannot reach Redis (200: it still serves the sessions it holds).
   */
  health(): 'ok' | 'degraded' | 'draining';
}

/** The request handler for /healthz, /metrics and (optionally) the renderer's static files. */
export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  // serve-static (Express's file server) owns traversal, encodings, HEAD, ETag and MIME types.
  const files =
    deps.webRoot === undefined
      ? undefined
      : serveStatic(resolve(deps.webRoot), {
          index: ['index.html'],
          redirect: false,
          fallthrough: false,
          setHeaders: (res, file) => res.setHeader('Cache-Control', rendererCacheControl(file)),
        });
  const pageHeaders = rendererPageHeaders();
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    if (path === '/healthz') {
      const health = deps.health();
      return health === 'draining' ? reply(res, 503, 'shutting down') : reply(res, 200, health);
    }
    if (path === '/metrics') {
      if (!authorized(req, deps.metricsToken)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="duet-relay-metrics"');
        return reply(res, 401, 'metrics need Authorization: Bearer <token>');
      }
      deps.metrics.render().then(
        (text) => reply(res, 200, text, deps.metrics.registry.contentType),
        (error: unknown) => {
          deps.log.error({ err: error }, 'metrics rendering failed');
          reply(res, 500, 'metrics unavailable');
        },
      );
      return;
    }
    if (files === undefined) return reply(res, 404, 'not found');
    for (const [name, value] of Object.entries(pageHeaders)) res.setHeader(name, value);
    files(req, res, (error) => {
      // fallthrough is off, so every refusal arrives here with its status (403 traversal, 400 bad encoding, ...).
      const status = error?.status ?? 404;
      if (status >= 500) deps.log.error({ err: error, path }, 'static file failed');
      if (res.headersSent) return void res.destroy();
      // Only client errors carry a message meant for the client ("Forbidden", "Bad Request").
      reply(res, status, status < 500 ? (error?.message ?? 'Not Found') : 'internal error');
    });
  };
}

/** Whether the request carries the metrics token (compared in constant time). */
function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (match === null) return false;
  // Hashing both sides gives equal lengths, which timingSafeEqual needs.
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(match[1]!), digest(token));
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
