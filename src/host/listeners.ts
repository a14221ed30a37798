import type { Unsubscribe } from '../shared/host-api';

/**
 * A list of listeners for one kind of event. A listener that throws must not stop the
 * others or the service that emits (the pty keeps flowing), so its error goes to `onError`.
 */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(private readonly onError: (error: unknown) => void = reportListenerError) {}

  /** Adds a listener; the returned function removes it. */
  add(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Calls every listener with `value`. */
  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onError(error);
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners.clear();
  }
}

/** Default sink for listener errors: they are bugs in the caller, so make them visible. */
function reportListenerError(error: unknown): void {
  console.error('duet host: listener failed', error);
}
