import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { PROBE, startRelayProcess, type RelayProcess } from './child';

const root = resolve(import.meta.dirname, '../..');
/** Under node_modules so the compiled files resolve `ws` and `socket.io` from the project. */
export const BENCH_CACHE = join(root, 'node_modules/.cache/duet-bench');

/**
 * The baselines run as plain JavaScript, as a production relay would: compiled here with
 * esbuild (packages stay external), so their RSS carries no TypeScript loader.
 */
async function compiled(entry: 'bare-relay' | 'socketio-relay'): Promise<string> {
  const outDir = join(BENCH_CACHE, 'relays');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${entry}.mjs`);
  await build({
    entryPoints: [join(root, 'bench', `${entry}.ts`)],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return outfile;
}

/** Starts the bare ws relay (bench/bare-relay.ts). */
export async function startBareRelay(): Promise<RelayProcess> {
  return startRelayProcess('bare ws relay', ['--expose-gc', '--import', PROBE, await compiled('bare-relay')]);
}

/** Starts the Socket.IO rooms relay (bench/socketio-relay.ts). */
export async function startSocketIoRelay(): Promise<RelayProcess> {
  return startRelayProcess('Socket.IO relay', ['--expose-gc', '--import', PROBE, await compiled('socketio-relay')]);
}
