import type { Language } from '../../shared/host-api';
import { Emitter } from '../../shared/lifecycle';

/** Fetches and installs one language's highlighting; rejects when it could not. */
export type LoadLanguage = (language: Language) => Promise<void>;

/** The timer functions the loader uses (fake ones in tests). */
export interface LoaderTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface LanguageLoaderOptions {
  load: LoadLanguage;
  /** Waits before each automatic retry of a failed language; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** Told when a language fails after loading fine or on its first try, not on every retry (a console warning by default). */
  onFailure?: (language: Language, error: unknown) => void;
  timers?: LoaderTimers;
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Loads languages' highlighting once each, remembering successes only. Monaco's own lazy
 * loader keeps a failed fetch's rejection forever, so a guest whose network blinked while
 * a language was first needed had no highlighting until a reload. Here a failed language
 * is tried again when it is asked for again, when `retryFailed` is called (the network or
 * the relay connection came back), and on its own after a short, growing wait.
 * Nothing it returns ever rejects.
 */
export class LanguageLoader {
  private readonly loaded = new Set<Language>();
  private readonly loading = new Map<Language, Promise<boolean>>();
  /** Languages whose latest attempt failed. */
  private readonly failed = new Set<Language>();
  private readonly events = new Emitter<{ loaded: (language: Language) => void }>({
    onListenerError: (error) => console.error('duet: language listener failed', error),
  });
  private retryTimer: unknown;
  private retryAttempt = 0;
  private disposed = false;
  private readonly delays: readonly number[];
  private readonly timers: LoaderTimers;
  private readonly onFailure: (language: Language, error: unknown) => void;

  constructor(private readonly options: LanguageLoaderOptions) {
    this.delays = options.retryDelaysMs?.length ? options.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS;
    this.timers = options.timers ?? (globalThis as unknown as LoaderTimers);
    this.onFailure = options.onFailure ?? ((language, error) => console.warn(`duet: could not load ${language} highlighting`, error));
  }

  /** Whether a language's highlighting is installed. */
  isLoaded(language: Language): boolean {
    return this.loaded.has(language);
  }

  /** Loads a language unless it already is; resolves true once it is, false if this attempt failed. */
  ensure(language: Language): Promise<boolean> {
    if (this.loaded.has(language)) return Promise.resolve(true);
    const pending = this.loading.get(language);
    if (pending) return pending;
    const attempt = this.attempt(language);
    this.loading.set(language, attempt);
    return attempt;
  }

  /** Tries every failed language again now (e.g. the connection is back), and restarts the backoff. */
  retryFailed(): void {
    this.cancelRetry();
    this.retryAttempt = 0;
    for (const language of [...this.failed]) void this.ensure(language);
  }

  /** Calls `listener` each time a language finishes loading; returns the unsubscribe function. */
  onLoaded(listener: (language: Language) => void): () => void {
    return this.events.on('loaded', listener);
  }

  /** Stops retrying and forgets listeners. */
  dispose(): void {
    this.disposed = true;
    this.cancelRetry();
    this.events.clear();
  }

  private async attempt(language: Language): Promise<boolean> {
    try {
      await this.options.load(language);
    } catch (error) {
      this.loading.delete(language);
      if (!this.failed.has(language)) this.onFailure(language, error);
      this.failed.add(language);
      this.scheduleRetry();
      return false;
    }
    this.loading.delete(language);
    this.failed.delete(language);
    this.loaded.add(language);
    if (this.failed.size === 0) this.retryAttempt = 0;
    this.events.emit('loaded', language);
    return true;
  }

  private scheduleRetry(): void {
    if (this.disposed || this.retryTimer !== undefined || this.failed.size === 0) return;
    const delay = this.delays[Math.min(this.retryAttempt, this.delays.length - 1)]!;
    this.retryAttempt++;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      for (const language of [...this.failed]) void this.ensure(language);
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
