import type { EmitterOptions } from '../shared/lifecycle';

/**
 * Emitter options of every host service: a listener that throws is a bug in the caller, so
 * it is logged, but it must never stop the other listeners or the service (the pty keeps
 * flowing, and a rethrow would bring down the whole web shell).
 */
export const HOST_EMITTER_OPTIONS: EmitterOptions = {
  onListenerError: (error) => console.error('duet host: listener failed', error),
};
