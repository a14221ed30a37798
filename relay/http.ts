import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Logger } from 'pino';
import type { RelayMetrics } from './metrics';

/** What the plain HTTP side of the relay needs to know. */
export interface HttpDeps {
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** Folder of a built renderer served at `/`; undefined for none. */
  readonly webRoot: string | undefined;
  /** False once shutdown began: /healthz answers 503 so balancers move on. */
  isServing(): boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The request handler for /healthz, /metrics and (optionally) the renderer's static files. */
export function createHttpHandler(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const root = deps.webRoot === undefined ? undefined : resolve(deps.webRoot);
  return (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    if (path === '/healthz') {
      return deps.isServing() ? reply(res, 200, 'ok') : reply(res, 503, 'shutting down');
    }
    if (path === '/metrics') {
      deps.metrics.render().then(
        (text) => reply(res, 200, text, deps.metrics.registry.contentType),
        (error: unknown) => {
          deps.log.error({ err: error }, 'metrics rendering failed');
          reply(res, 500, 'metrics unavailable');
        },
      );
      return;
    }
    if (root === undefined) return reply(res, 404, 'not found');
    serveStatic(root, path, req, res).catch((error: unknown) => {
      deps.log.error({ err: error, path }, 'static file failed');
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy();
    });
  };
}

async function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    // A malformed %-escape cannot name a file.
    return reply(res, 400, 'bad path');
  }
  if (decoded.includes('\0')) return reply(res, 400, 'bad path');
  const relative = decoded === '/' || decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const file = join(root, normalize(relative));
  // Guard against `..` escaping the web root.
  if (file !== root && !file.startsWith(root + sep)) return reply(res, 404, 'not found');
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) return reply(res, 404, 'not found');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': info.size,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
