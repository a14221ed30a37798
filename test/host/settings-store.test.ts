import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, SETTINGS_FILE } from '../../src/host/settings-store';

describe('settings store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duet-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('starts from the defaults when nothing is saved', async () => {
    const store = createSettingsStore({ dataDir: join(dir, 'new'), defaults: { relayUrl: 'wss://relay.example/ws' } });
    expect(await store.load()).toEqual({ displayName: '', relayUrl: 'wss://relay.example/ws' });
  });

  it('remembers a patch across launches, keeping the other fields', async () => {
    await createSettingsStore({ dataDir: dir }).save({ displayName: 'Ada' });
    await createSettingsStore({ dataDir: dir }).save({ relayUrl: 'ws://127.0.0.1:4000/ws' });
    expect(await createSettingsStore({ dataDir: dir }).load()).toEqual({ displayName: 'Ada', relayUrl: 'ws://127.0.0.1:4000/ws' });
  });

  it('lets saved values win over defaults, and an explicit empty relay mean the embedded one', async () => {
    await createSettingsStore({ dataDir: dir }).save({ relayUrl: '' });
    expect((await createSettingsStore({ dataDir: dir, defaults: { relayUrl: 'wss://x/ws' } }).load()).relayUrl).toBe('');
  });

  it('lands every one of many concurrent saves and leaves no temporary files', async () => {
    const store = createSettingsStore({ dataDir: dir });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save(i % 2 ? { displayName: `n${i}` } : { relayUrl: `ws://h/${i}` })));
    expect(await store.load()).toEqual({ displayName: 'n19', relayUrl: 'ws://h/18' });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('falls back to defaults (and says so) when the file is corrupt, and ignores foreign fields', async () => {
    const problems: string[] = [];
    await writeFile(join(dir, SETTINGS_FILE), '{ half a file');
    expect(await createSettingsStore({ dataDir: dir, onProblem: (m) => problems.push(m) }).load()).toEqual({ displayName: '', relayUrl: '' });
    expect(problems).toEqual([expect.stringContaining('not JSON')]);
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ displayName: 7, relayUrl: 'ws://a/ws', __proto__: { x: 1 }, extra: true }));
    const settings = await createSettingsStore({ dataDir: dir }).load();
    expect(settings).toEqual({ displayName: '', relayUrl: 'ws://a/ws' });
  });

  it('writes readable JSON', async () => {
    await createSettingsStore({ dataDir: dir }).save({ displayName: 'Grace' });
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({ displayName: 'Grace', relayUrl: '' });
  });
});
