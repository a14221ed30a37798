import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pathFile = join(root, 'node_modules/electron/path.txt');
const electronInstalled = existsSync(pathFile) && existsSync(join(root, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim()));
const built = ['out/main/index.js', 'out/main/relay.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => existsSync(join(root, f)));

describe('npm start (scripts/start-electron.mjs)', () => {
  it.skipIf(electronInstalled || !built)('says in one line that Electron cannot be fetched and points to npm run web', () => {
    // A mirror nobody listens on and an empty cache make the download fail at once, like no internet.
    const cache = mkdtempSync(join(tmpdir(), 'duet-electron-cache-'));
    try {
      const result = spawnSync(process.execPath, [join(root, 'scripts/start-electron.mjs')], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
        // DUET_SKIP_BUILD: a stale build would otherwise be rebuilt first (a minute, and output on stdout).
        env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: cache, DUET_DEBUG: '', DUET_SKIP_BUILD: '1' },
      });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        'Electron could not be downloaded (no internet?); run `npm run web` to use Duet in your browser instead.\n',
      );
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
