import { describe, expect, it } from 'vitest';
import type { Language } from '../../../src/shared/host-api';
import { LanguageLoader, type LoaderTimers } from '../../../src/renderer/collab/language-loader';

/** Timers the test fires by hand, so backoff is checked without waiting. */
class ManualTimers implements LoaderTimers {
  pending: { callback: () => void; ms: number; id: number }[] = [];
  private nextId = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ callback, ms, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  }
  /** Fires the next timer; returns its delay. */
  fire(): number {
    const timer = this.pending.shift();
    if (!timer) throw new Error('no timer pending');
    timer.callback();
    return timer.ms;
  }
}

/** A network that can be switched off, counting fetches per language. */
function network() {
  const state = { online: true, fetches: new Map<Language, number>() };
  const load = async (language: Language) => {
    state.fetches.set(language, (state.fetches.get(language) ?? 0) + 1);
    if (!state.online) throw new TypeError(`Failed to fetch dynamically imported module: ${language}.js`);
  };
  return { state, load };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function loader(load: (language: Language) => Promise<void>, timers = new ManualTimers()) {
  const failures: [Language, unknown][] = [];
  const languages = new LanguageLoader({
    load,
    timers,
    retryDelaysMs: [100, 200, 400],
    onFailure: (language, error) => failures.push([language, error]),
  });
  return { languages, failures, timers };
}

describe('LanguageLoader', () => {
  it('loads a language once and remembers it', async () => {
    const net = network();
    const { languages } = loader(net.load);
    expect(await languages.ensure('python')).toBe(true);
    expect(await languages.ensure('python')).toBe(true);
    expect(languages.isLoaded('python')).toBe(true);
    expect(net.state.fetches.get('python')).toBe(1);
  });

  it('shares one fetch between callers asking at the same time', async () => {
    const net = network();
    const { languages } = loader(net.load);
    const results = await Promise.all([languages.ensure('go'), languages.ensure('go')]);
    expect(results).toEqual([true, true]);
    expect(net.state.fetches.get('go')).toBe(1);
  });

  it('does not remember a failure: asking again (the language is picked again) fetches again', async () => {
    const net = network();
    const { languages, failures } = loader(net.load);
    net.state.online = false;
    expect(await languages.ensure('python')).toBe(false); // resolves false, never rejects
    expect(languages.isLoaded('python')).toBe(false);
    expect(failures).toHaveLength(1);
    expect(String(failures[0]![1])).toContain('Failed to fetch');

    net.state.online = true;
    expect(await languages.ensure('python')).toBe(true);
    expect(net.state.fetches.get('python')).toBe(2);
  });

  it('retries failed languages on its own with a growing wait, and tells listeners when they load', async () => {
    const net = network();
    const { languages, timers, failures } = loader(net.load);
    const loaded: Language[] = [];
    languages.onLoaded((language) => loaded.push(language));
    net.state.online = false;
    await Promise.all([languages.ensure('python'), languages.ensure('rust')]);
    // One timer for all failed languages, not one per language.
    expect(timers.pending).toHaveLength(1);
    expect(timers.fire()).toBe(100);
    await settle();
    expect(timers.fire()).toBe(200);
    await settle();
    expect(timers.fire()).toBe(400);
    await settle();
    expect(timers.pending[0]!.ms).toBe(400); // the last delay repeats
    // Reported once per language, not once per retry.
    expect(failures.map(([language]) => language)).toEqual(['python', 'rust']);

    net.state.online = true;
    timers.fire();
    await settle();
    expect(loaded.sort()).toEqual(['python', 'rust']);
    expect(languages.isLoaded('python') && languages.isLoaded('rust')).toBe(true);
    expect(timers.pending).toHaveLength(0); // nothing left to retry
  });

  it('retries at once when the connection comes back, and restarts the backoff', async () => {
    const net = network();
    const { languages, timers } = loader(net.load);
    net.state.online = false;
    await languages.ensure('ruby');
    timers.fire();
    await settle();
    expect(timers.pending[0]!.ms).toBe(200);

    languages.retryFailed(); // still offline: fails again, backoff starts over
    await settle();
    expect(timers.pending.map((t) => t.ms)).toEqual([100]);

    net.state.online = true;
    const loaded: Language[] = [];
    languages.onLoaded((language) => loaded.push(language));
    languages.retryFailed();
    await settle();
    expect(loaded).toEqual(['ruby']);
    expect(timers.pending).toHaveLength(0);
  });

  it('keeps going when a listener throws, and stops retrying once disposed', async () => {
    const net = network();
    const { languages, timers } = loader(net.load);
    languages.onLoaded(() => {
      throw new Error('listener bug');
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(await languages.ensure('java')).toBe(true);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);

    net.state.online = false;
    await languages.ensure('shell');
    expect(timers.pending).toHaveLength(1);
    languages.dispose();
    expect(timers.pending).toHaveLength(0);
  });
});
