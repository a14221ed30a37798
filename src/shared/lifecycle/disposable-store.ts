/** Something that holds a resource or a listener until it is disposed. */
export interface Disposable {
  dispose(): void;
}

/** What a store can own: a Disposable, or a function that releases something (an unsubscribe). */
export type Releasable = Disposable | (() => void);

/** A Disposable that runs `release` once, however often it is disposed. */
export function toDisposable(release: () => void): Disposable {
  let released = false;
  return {
    dispose() {
      if (released) return;
      released = true;
      release();
    },
  };
}

function releaseOne(item: Releasable): void {
  if (typeof item === 'function') item();
  else item.dispose();
}

/**
 * Owns listeners, timers and child objects until its owner disposes it, once (the shape of
 * VS Code's DisposableStore). Items are released in the reverse order they were added, so
 * what was built on top of something goes before it. Something added after the store was
 * disposed is released at once: a late async step cannot leak a listener.
 */
export class DisposableStore implements Disposable {
  private readonly items: Releasable[] = [];
  private disposed = false;

  /** Takes ownership of `item` and returns it. */
  add<T extends Releasable>(item: T): T {
    if (this.disposed) releaseOne(item);
    else this.items.push(item);
    return item;
  }

  /** Releases one item now (e.g. a timer that fired) instead of with the rest. */
  release(item: Releasable): void {
    const index = this.items.lastIndexOf(item);
    if (index === -1) return;
    this.items.splice(index, 1);
    releaseOne(item);
  }

  /** True once dispose() ran. */
  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Releases everything, newest first. One item that throws does not keep the others
   * alive: every item is released, then the first error (or all of them) is thrown.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of this.items.splice(0).reverse()) {
      try {
        releaseOne(item);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} disposables failed`);
  }
}
