import type { HostApi, Unsubscribe } from './contract';
import { HOST_CALLS, HOST_EVENTS, NESTED_SERVICES, type HostCall, type HostEvent, type HostService } from './host-calls';

/**
 * How a shell's renderer side carries host calls: one generic call and one generic
 * subscription. Electron's goes through the preload's `window.duet`, the web shell's over
 * its local socket. `call` rejects with a HostApiError.
 */
export interface HostCallTransport {
  call(call: HostCall, args: unknown[]): Promise<unknown>;
  subscribe(event: HostEvent, listener: (payload: unknown) => void): Unsubscribe;
}

export interface HostApiClientOptions {
  /** Where a fire-and-forget call's failure goes (nobody awaits it). */
  onNotifyError(call: HostCall, error: unknown): void;
}

/**
 * The HostApi over a transport, built from HOST_CALLS and HOST_EVENTS: every row becomes
 * the method it names on the object it names, and every method takes the one generic path.
 */
export function createHostApiClient(transport: HostCallTransport, options: HostApiClientOptions): HostApi {
  const objects: Record<HostService, Record<string, unknown>> = { app: {}, terminal: {}, run: {} };
  for (const [name, row] of Object.entries(HOST_CALLS) as [HostCall, (typeof HOST_CALLS)[HostCall]][]) {
    objects[row.service][row.method] =
      'notify' in row
        ? (...args: unknown[]) => {
            transport.call(name, args).catch((error: unknown) => options.onNotifyError(name, error));
          }
        : (...args: unknown[]) => transport.call(name, args);
  }
  for (const [name, row] of Object.entries(HOST_EVENTS) as [HostEvent, (typeof HOST_EVENTS)[HostEvent]][]) {
    objects[row.service][row.method] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  const api: Record<string, unknown> = { ...objects.app };
  for (const service of NESTED_SERVICES) api[service] = objects[service];
  return api as unknown as HostApi;
}
