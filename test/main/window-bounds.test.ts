import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clampToDisplays, parseWindowBounds, trackWindowBounds, WindowBoundsStore, type Rect } from '../../src/main/window-bounds';

const dirs: string[] = [];
function boundsFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duet-window-bounds-'));
  dirs.push(dir);
  return join(dir, 'window-bounds.json');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MIN = { width: 760, height: 520 };
const LAPTOP: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

describe('restoring the window where it can be seen', () => {
  it('keeps bounds that fit their display as they are', () => {
    expect(clampToDisplays({ x: 1600, y: 100, width: 1280, height: 820 }, [LAPTOP, MONITOR], LAPTOP, MIN)).toEqual({ x: 1600, y: 100, width: 1280, height: 820 });
  });

  it('moves a window from an unplugged monitor onto the primary display', () => {
    expect(clampToDisplays({ x: 2000, y: 300, width: 1280, height: 820 }, [LAPTOP], LAPTOP, MIN)).toEqual({ x: 160, y: 55, width: 1280, height: 820 });
  });

  it('pulls a window hanging off an edge back inside the display it mostly covers, shrunk to fit', () => {
    expect(clampToDisplays({ x: 800, y: -50, width: 3000, height: 820 }, [LAPTOP, MONITOR], LAPTOP, MIN)).toEqual({ x: 1440, y: 0, width: 2560, height: 820 });
    expect(clampToDisplays({ x: 1200, y: 700, width: 800, height: 600 }, [LAPTOP], LAPTOP, MIN)).toEqual({ x: 640, y: 275, width: 800, height: 600 });
  });

  it('never restores smaller than the layout’s minimum', () => {
    expect(clampToDisplays({ x: 10, y: 10, width: 100, height: 50 }, [LAPTOP], LAPTOP, MIN)).toEqual({ x: 10, y: 10, width: 760, height: 520 });
  });
});

describe('the saved bounds file', () => {
  it('ignores a corrupt or foreign file: the window opens at its default size', async () => {
    for (const text of ['{not json', 'null', '[]', '{"x":1,"y":2,"width":"wide","height":3}', '{"x":1,"y":2,"width":0,"height":3}', '{"x":1e999,"y":2,"width":3,"height":3}']) {
      expect(parseWindowBounds(text), text).toBeUndefined();
    }
    const file = boundsFile();
    writeFileSync(file, '\u0000\u0001garbage');
    const problems: string[] = [];
    expect(await new WindowBoundsStore({ file, onProblem: (m) => problems.push(m) }).load()).toBeUndefined();
    expect(problems).toEqual(['ignoring unreadable window bounds']);
  });

  it('has nothing on a first launch, and no complaint', async () => {
    const problems: string[] = [];
    expect(await new WindowBoundsStore({ file: boundsFile(), onProblem: (m) => problems.push(m) }).load()).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('saves a burst of moves once, after the delay, with the last bounds; load gives them back', async () => {
    const file = boundsFile();
    const timers = manualTimers();
    const store = new WindowBoundsStore({ file, onProblem: (m) => expect.fail(m), delayMs: 500, timers });
    for (let x = 0; x < 50; x++) store.save({ x, y: 20, width: 1000, height: 700, maximized: false });
    expect(timers.live().map((timer) => timer.ms)).toEqual([500]);
    expect(() => readFileSync(file, 'utf8')).toThrow();
    timers.live()[0]!.callback();
    await store.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 49, y: 20, width: 1000, height: 700, maximized: false });
    expect(await new WindowBoundsStore({ file, onProblem: () => undefined }).load()).toEqual({ x: 49, y: 20, width: 1000, height: 700, maximized: false });
  });
});

/** Timers the test fires by hand. */
function manualTimers() {
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  return {
    setTimeout(callback: () => void, ms: number) {
      timers.push({ callback, ms, cleared: false });
      return timers.length - 1;
    },
    clearTimeout(handle: unknown) {
      const timer = timers[handle as number];
      if (timer) timer.cleared = true;
    },
    live: () => timers.filter((timer) => !timer.cleared),
  };
}

describe('tracking the window', () => {
  /** A window the test moves by emitting its events. */
  function fakeWindow() {
    const listeners = new Map<string, (() => void)[]>();
    let bounds: Rect = { x: 0, y: 0, width: 1280, height: 820 };
    let maximized = false;
    return {
      on(event: string, listener: () => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      emit(event: string, next?: Partial<Rect>, max?: boolean) {
        bounds = { ...bounds, ...next };
        if (max !== undefined) maximized = max;
        for (const listener of listeners.get(event) ?? []) listener();
      },
    };
  }

  it('saves on move and resize (debounced), keeps the normal bounds when maximized, and writes at once on close', async () => {
    const file = boundsFile();
    const store = new WindowBoundsStore({ file, onProblem: (m) => expect.fail(m), delayMs: 60_000 });
    const window = fakeWindow();
    trackWindowBounds(window, store);
    window.emit('move', { x: 300, y: 200 });
    window.emit('resize', { width: 1000, height: 700 });
    window.emit('maximize', {}, true);
    expect(() => readFileSync(file, 'utf8')).toThrow(); // not yet: the delay is a minute
    window.emit('close');
    await store.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 300, y: 200, width: 1000, height: 700, maximized: true });
  });
});
