import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import serveStatic from 'serve-static';
import { build } from 'vite';
import { BENCH_CACHE } from '../relays/baselines';

const root = resolve(import.meta.dirname, '../..');
const source = join(root, 'bench/pages/bare');
const outDir = join(BENCH_CACHE, 'bare-page');

/** Builds the baseline page (bench/pages/bare) with Vite when its sources are newer than the build. */
export async function buildBarePage(): Promise<string> {
  const built = join(outDir, 'index.html');
  const newest = Math.max(...readdirSync(source).map((f) => statSync(join(source, f)).mtimeMs), statSync(join(root, 'package-lock.json')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs > newest) return outDir;
  await build({
    configFile: false,
    root: source,
    base: './',
    // Rolldown's plugin-timing hints are noise in a benchmark's output; errors still show.
    logLevel: 'error',
    resolve: { alias: [{ find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: `${join(root, 'node_modules/monaco-editor/esm/vs')}/$1` }] },
    build: { outDir, emptyOutDir: true, minify: false, reportCompressedSize: false, chunkSizeWarningLimit: 100_000 },
  });
  return outDir;
}

/** Serves a folder on 127.0.0.1 and a free port. */
export async function serveFolder(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const serve = serveStatic(folder);
  const server: Server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
