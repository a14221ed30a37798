// Builds Duet (`electron-vite build`) when a build output is missing or older than the
// newest source file, so `npm run web` and `npm start` never serve a stale app.
// Run directly (`node scripts/build-if-stale.mjs`) or import `buildIfStale`.
// DUET_SKIP_BUILD=1 skips the check: for a machine that built already (CI) or a caller
// that serves its own renderer (`npm run web -- --renderer-dir …`, the npm signal tests).
import { spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const OUTPUTS = ['out/main/index.js', 'out/main/relay.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['src', 'relay', 'electron.vite.config.ts', 'package-lock.json'];

/** Newest modification time (ms) of a file or of any file below a folder. */
function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Builds when needed; exits the process with 1 if the build fails. */
export function buildIfStale() {
  if (['1', 'true', 'yes', 'on'].includes((process.env.DUET_SKIP_BUILD ?? '').toLowerCase())) return;
  const outputs = OUTPUTS.map((file) => join(root, file));
  const sources = SOURCES.map((file) => join(root, file)).filter((path) => existsSync(path));
  const builtAt = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0;
  if (builtAt > Math.max(...sources.map(newest))) return;
  console.log(builtAt === 0 ? 'Building Duet (first start)…' : 'Sources changed since the last build: rebuilding Duet…');
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('Building Duet failed; see the output above.');
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildIfStale();
