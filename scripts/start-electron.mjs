// `npm start`: build Duet if needed, make sure the Electron binary is there, and run the app.
// npm never downloads Electron at install time here (allowScripts denies its postinstall),
// so this fetches it on first start; without internet it says so in one line.
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import process from 'node:process';
import { buildIfStale } from './build-if-stale.mjs';

const root = resolve(import.meta.dirname, '..');
const electronPackage = join(root, 'node_modules/electron');
const NO_ELECTRON =
  'Electron could not be downloaded (no internet?); run `npm run web` to use Duet in your browser instead.';

/** The Electron executable when it is installed, else undefined (mirrors node_modules/electron/index.js). */
function electronBinary() {
  const pathFile = join(electronPackage, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronPackage, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function ensureElectron() {
  const present = electronBinary();
  if (present) return present;
  // On a terminal, say what the wait is for; the note is erased again if the fetch fails,
  // so a failure is exactly one line.
  const note = process.stderr.isTTY ? 'Fetching the Electron binary (first start)…' : '';
  process.stderr.write(note);
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(electronPackage, 'install.js')], {
    cwd: electronPackage,
    env,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const installed = result.status === 0 ? electronBinary() : undefined;
  if (!installed) {
    if (process.env.DUET_DEBUG) console.error(result.error ?? '', result.stdout, result.stderr);
    process.stderr.write(`${note ? '\r\x1b[K' : ''}${NO_ELECTRON}\n`);
    process.exit(1);
  }
  if (note) process.stderr.write('\n');
  return installed;
}

buildIfStale();
const electron = ensureElectron();
const app = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
