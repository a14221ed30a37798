import { HostApiError, type HostApi, type HostApiErrorCode, type HostRun, type HostTerminal, type Unsubscribe } from './contract';
import { HOST_CALLS, HOST_EVENTS, type EventsOf, type HostCall, type HostEvent, type HostService } from './host-calls';

/** What a shell answers calls from: the HostApi minus the root events the shell pushes itself. */
export type HostCallTarget = Omit<HostApi, keyof EventsOf<'app'>>;

type Callable = (...args: unknown[]) => unknown;

/** The object of `target` that answers calls of `service` (read only when such a call comes). */
function serviceOf(target: object, service: HostService): object {
  return service === 'app' ? target : (target as Record<HostService, object>)[service];
}

/**
 * Runs one call, already validated by parseHostCall, against the shell's host services:
 * the method its HOST_CALLS row names, on the object the row names. Both remote shells
 * (Electron IPC and the web shell's socket) answer through this, so a call means the same
 * thing in each. `terminal` and `run` are read only for their own calls, which lets a shell
 * create those services lazily behind a getter.
 */
export async function dispatchHostCall(target: HostCallTarget, call: HostCall, args: readonly unknown[]): Promise<unknown> {
  const row = HOST_CALLS[call];
  const owner = serviceOf(target, row.service);
  const method = (owner as Record<string, Callable>)[row.method];
  if (typeof method !== 'function') throw new HostApiError('internal', `${call} has no handler`);
  return method.apply(owner, [...args]);
}

/** Subscribes to every HOST_EVENTS event of the host services and hands each to `emit` under its name. */
export function forwardHostEvents(
  services: { terminal: HostTerminal; run: HostRun },
  emit: (event: HostEvent, payload: unknown) => void,
): Unsubscribe {
  const subscriptions: Unsubscribe[] = [];
  for (const [name, row] of Object.entries(HOST_EVENTS) as [HostEvent, (typeof HOST_EVENTS)[HostEvent]][]) {
    if (row.service === 'app') continue; // pushed by the shell itself, not by a host service
    const owner = services[row.service] as unknown as Record<string, (listener: (payload: unknown) => void) => Unsubscribe>;
    subscriptions.push(owner[row.method]!.call(owner, (payload) => emit(name, payload)));
  }
  return () => {
    for (const unsubscribe of subscriptions.splice(0)) unsubscribe();
  };
}

/** A thrown value as the {code, message} a caller sees; unexpected errors become 'internal'. */
export function hostCallError(error: unknown): { code: HostApiErrorCode; message: string } {
  if (error instanceof HostApiError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
