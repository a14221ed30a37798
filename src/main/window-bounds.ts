import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the window was, as saved: its normal (unmaximized) bounds, and whether it was maximized. */
export interface WindowBounds extends Rect {
  maximized: boolean;
}

/** File name of the saved bounds inside the user data dir. */
export const WINDOW_BOUNDS_FILE = 'window-bounds.json';

/** A burst of move/resize events (a drag) is saved once, this long after it stops. */
export const SAVE_DELAY_MS = 500;

/** The saved bounds in `text`, or undefined when they are not a well-formed record (a corrupt or foreign file). */
export function parseWindowBounds(text: string): WindowBounds | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // corrupt: the window opens at its default size
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const numbers = [v.x, v.y, v.width, v.height];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if ((v.width as number) <= 0 || (v.height as number) <= 0) return undefined;
  return { x: v.x as number, y: v.y as number, width: v.width as number, height: v.height as number, maximized: v.maximized === true };
}

/**
 * Fits saved bounds onto the displays there are now: onto the display it overlaps most (the
 * primary one when it overlaps none, e.g. a monitor since unplugged), no larger than that
 * display's work area nor smaller than `min`, and moved inside it, so the window always
 * opens where it can be seen and grabbed.
 */
export function clampToDisplays(bounds: Rect, workAreas: readonly Rect[], primary: Rect, min: { width: number; height: number }): Rect {
  let area = primary;
  let best = 0;
  for (const candidate of workAreas) {
    const overlap = overlapArea(bounds, candidate);
    if (overlap > best) [area, best] = [candidate, overlap];
  }
  const width = Math.round(Math.min(Math.max(bounds.width, min.width), area.width));
  const height = Math.round(Math.min(Math.max(bounds.height, min.height), area.height));
  const x = Math.round(Math.min(Math.max(bounds.x, area.x), area.x + area.width - width));
  const y = Math.round(Math.min(Math.max(bounds.y, area.y), area.y + area.height - height));
  return { x, y, width, height };
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

export interface WindowBoundsStoreOptions {
  /** The JSON file the bounds live in. */
  file: string;
  /** Told about a file that could not be read or written (the window still opens). */
  onProblem(message: string): void;
  delayMs?: number;
  timers?: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/**
 * The window's size and position between launches: loaded once at start, saved a moment
 * after the last move or resize (debounced: a drag is hundreds of events) and at once on
 * close. Writes go to a temporary file renamed over the old one, so a crash never leaves
 * half a file.
 */
export class WindowBoundsStore {
  private pending: WindowBounds | undefined;
  private timer: unknown;
  private writing: Promise<void> = Promise.resolve();
  private readonly timers: NonNullable<WindowBoundsStoreOptions['timers']>;

  constructor(private readonly options: WindowBoundsStoreOptions) {
    this.timers = options.timers ?? {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
  }

  /** The saved bounds, or undefined when there are none (first launch) or the file is unreadable. */
  async load(): Promise<WindowBounds | undefined> {
    let text: string;
    try {
      text = await readFile(this.options.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onProblem(`cannot read the window bounds: ${(error as Error).message}`);
      return undefined;
    }
    const bounds = parseWindowBounds(text);
    if (!bounds) this.options.onProblem('ignoring unreadable window bounds');
    return bounds;
  }

  /** Saves `bounds` once no newer ones arrive for the delay. */
  save(bounds: WindowBounds): void {
    this.pending = bounds;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => void this.flush(), this.options.delayMs ?? SAVE_DELAY_MS);
  }

  /** Writes what is waiting now (the window is closing); resolves once it is on disk. */
  flush(): Promise<void> {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    const bounds = this.pending;
    this.pending = undefined;
    if (bounds) this.writing = this.writing.then(() => this.write(bounds));
    return this.writing;
  }

  private async write(bounds: WindowBounds): Promise<void> {
    const { file } = this.options;
    try {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(bounds)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      this.options.onProblem(`cannot save the window bounds: ${(error as Error).message}`);
    }
  }
}

/** The few BrowserWindow members the tracker uses (a fake in tests). */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/** Saves the window's bounds whenever it moves, resizes or (un)maximizes, and once more as it closes. */
export function trackWindowBounds(window: TrackedWindow, store: WindowBoundsStore): void {
  const save = () => store.save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) window.on(event, save);
  window.on('close', () => {
    save();
    void store.flush();
  });
}
