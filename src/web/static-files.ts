import type { IncomingMessage, ServerResponse } from 'node:http';
import serveStatic from 'serve-static';
import { rendererCacheControl } from '../shared/content-security-policy';

/**
 * Serves the built renderer with serve-static (Express's file server: traversal, encoding,
 * HEAD, ETag and MIME types are its job), plus the given security headers on every answer,
 * refusals included.
 */
export function createStaticHandler(root: string, headers: Record<string, string>) {
  const files = serveStatic(root, {
    index: ['index.html'],
    redirect: false,
    fallthrough: false,
    setHeaders: (response, file) => response.setHeader('Cache-Control', rendererCacheControl(file)),
  });
  return (request: IncomingMessage, response: ServerResponse): void => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    files(request, response, (error) => {
      // fallthrough is off, so every refusal arrives here with its status (403 traversal, 400 bad encoding, ...).
      const status = error?.status ?? 404;
      if (status >= 500) console.error('duet: serving a file failed', error);
      if (response.headersSent) return void response.destroy();
      response.statusCode = status;
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      // Only client errors carry a message meant for the client ("Forbidden", "Bad Request").
      response.end(`${status < 500 ? (error?.message ?? 'Not Found') : 'internal error'}\n`);
    });
  };
}
