import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are plain bytes (never sniffed, see nosniff). */
export function mimeType(fileName: string): string {
  return MIME_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Maps a request path to a file under `root`, or an HTTP status when it must not be served. */
export function resolveStaticPath(root: string, requestUrl: string): { file: string } | { status: 400 | 403 } {
  const rawPath = requestUrl.split(/[?#]/, 1)[0] ?? '/';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { status: 400 };
  }
  if (path.includes('\0') || path.includes('\\') || !path.startsWith('/')) return { status: 400 };
  const base = resolve(root);
  const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
  // After decoding and resolving, anything outside the root (../, %2e%2e, ...) is refused.
  if (file !== base && !file.startsWith(base + sep)) return { status: 403 };
  return { file };
}

/**
 * Serves the built renderer: GET/HEAD only, traversal-safe, right MIME types, with the
 * given security headers on every answer. index.html is never cached (its asset names
 * change with each build); hashed assets may be.
 */
export function createStaticHandler(root: string, headers: Record<string, string>) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return end(response, 405, 'method not allowed');
    }
    const target = resolveStaticPath(root, request.url ?? '/');
    if ('status' in target) return end(response, target.status, target.status === 403 ? 'forbidden' : 'bad request');
    const info = await stat(target.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (!info?.isFile()) return end(response, 404, 'not found');
    response.statusCode = 200;
    response.setHeader('Content-Type', mimeType(target.file));
    response.setHeader('Content-Length', info.size);
    response.setHeader('Cache-Control', target.file.endsWith('.html') ? 'no-store' : 'public, max-age=3600');
    if (request.method === 'HEAD') return void response.end();
    const stream = createReadStream(target.file);
    stream.on('error', (error) => response.destroy(error));
    stream.pipe(response);
  };
}

function end(response: ServerResponse, status: number, message: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(`${message}\n`);
}
