import { reportListenerError } from '../platform';

type Listener = (...args: never[]) => void;

/** Call to stop listening. */
export type Unsubscribe = () => void;

export interface EmitterOptions {
  /**
   * Where an error thrown by a listener goes, so it never stops the other listeners or the
   * code that emitted. Default: rethrown on a fresh stack (visible, but not in the way).
   */
  onListenerError?: (error: unknown) => void;
}

/**
 * The one typed event emitter of Duet, used by the session client, the host services and
 * the shells' HostApi clients. `Events` maps each event name to its listener's signature.
 */
export class Emitter<Events extends { [K in keyof Events]: Listener }> {
  private readonly listeners = new Map<keyof Events, Set<Listener>>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(options: EmitterOptions = {}) {
    this.onListenerError = options.onListenerError ?? reportListenerError;
  }

  /** Adds a listener; call the returned function to remove it. */
  on<E extends keyof Events>(event: E, listener: Events[E]): Unsubscribe {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Calls every listener of `event` with `args`, in the order they were added. */
  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Listeners of `event`, or of every event when none is named. */
  listenerCount(event?: keyof Events): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  /** Removes every listener. */
  clear(): void {
    this.listeners.clear();
  }
}
