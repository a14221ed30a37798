/** Ownership of listeners and resources: who disposes what, and the one event emitter. */
export { DisposableStore, toDisposable, type Disposable, type Releasable } from './disposable-store';
export { Emitter, type EmitterOptions, type Unsubscribe } from './emitter';
