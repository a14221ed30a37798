import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../shared/host-api';

/** File name of the settings inside a data dir. */
export const SETTINGS_FILE = 'settings.json';

export interface SettingsStore {
  /** The saved settings over the defaults (defaults when nothing valid is saved). */
  load(): Promise<Settings>;
  /** Merges `patch` into the saved settings, writes them atomically and returns the result. */
  save(patch: Partial<Settings>): Promise<Settings>;
}

export interface SettingsStoreOptions {
  dataDir: string;
  defaults?: Partial<Settings>;
  /** Told when the saved file is unreadable and defaults are used instead. */
  onProblem?: (message: string) => void;
}

/**
 * Settings remembered between launches, as JSON in the data dir. Writes go to a temporary
 * file renamed over the old one, so a crash never leaves half a file; saves are queued so
 * two concurrent patches both land.
 */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const defaults: Settings = { displayName: '', relayUrl: '', ...options.defaults };
  const file = join(options.dataDir, SETTINGS_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaults };
      throw error;
    }
    return { ...defaults, ...pickSettings(text, options.onProblem) };
  }

  async function write(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await load()), ...definedOnly(patch) };
    await mkdir(options.dataDir, { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, file);
    return next;
  }

  return {
    load: () => queue.then(load),
    save(patch) {
      const saved = queue.then(() => write(patch));
      queue = saved.catch(() => undefined);
      return saved;
    },
  };
}

/** The valid fields of a saved settings file; anything else is ignored. */
function pickSettings(text: string, onProblem?: (message: string) => void): Partial<Settings> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    onProblem?.(`settings file is not JSON, using defaults: ${(error as Error).message}`);
    return {};
  }
  if (!parsed || typeof parsed !== 'object') return {};
  const saved = parsed as Record<string, unknown>;
  const settings: Partial<Settings> = {};
  if (typeof saved.displayName === 'string') settings.displayName = saved.displayName;
  if (typeof saved.relayUrl === 'string') settings.relayUrl = saved.relayUrl;
  return settings;
}

function definedOnly(patch: Partial<Settings>): Partial<Settings> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}
