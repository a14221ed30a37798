import type { HostRun, HostTerminal } from '../shared/host-api';

/** The part of src/host's HostServices a shell holds. */
export interface HostServicesLike {
  terminal: HostTerminal;
  run: HostRun;
  dispose(): Promise<void>;
}

export interface LazyHostServices {
  /** The services, created on first use. */
  get(): Promise<HostServicesLike>;
  /** The services if they exist right now. */
  current(): HostServicesLike | undefined;
  /** Disposes the services (ending the shell and its processes); the next get() creates new ones. */
  dispose(): Promise<void>;
}

/**
 * Host services created on first use — nobody pays for a pty (or loads node-pty) just by
 * opening the page — and disposed explicitly. `attach` runs for each new instance (to
 * forward its events) and its return value is called before that instance is disposed.
 */
export function createLazyHostServices(
  create: () => Promise<HostServicesLike>,
  attach: (services: HostServicesLike) => () => void,
): LazyHostServices {
  let creating: Promise<HostServicesLike> | undefined;
  let created: { services: HostServicesLike; detach: () => void } | undefined;

  return {
    get() {
      creating ??= create().then(
        (services) => {
          created = { services, detach: attach(services) };
          return services;
        },
        (error: unknown) => {
          creating = undefined; // let the next call try again
          throw error;
        },
      );
      return creating;
    },
    current: () => created?.services,
    async dispose() {
      const pending = creating;
      creating = undefined;
      if (!pending) return;
      const services = await pending.catch(() => undefined);
      if (!services) return;
      if (created?.services === services) {
        created.detach();
        created = undefined;
      }
      await services.dispose();
    },
  };
}
