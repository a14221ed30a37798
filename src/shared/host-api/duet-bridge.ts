import type { HostApiErrorCode, Unsubscribe } from './contract';
import type { HostCall, HostEvent } from './host-calls';

/**
 * What every Electron main-process handler answers. Errors thrown across Electron IPC
 * reach the renderer as a bare message with Electron's own prefix, so the code a UI acts
 * on (bad-argument, forbidden, ...) travels as a value instead.
 */
export type HostCallReply = { ok: true; value: unknown } | { ok: false; error: { code: HostApiErrorCode; message: string } };

/**
 * `window.duet`, as the Electron preload exposes it (src/preload/duet-bridge.ts implements
 * it) and the renderer reads it (src/renderer/host-api/electron-host-api.ts): the generic
 * call and subscription of the HOST_CALLS and HOST_EVENTS tables, and nothing else. The
 * preload refuses names outside the tables, so the page reaches no other IPC channel.
 */
export interface DuetBridge {
  /** Runs a host call in the main process, which checks the sender and the arguments. */
  call(call: HostCall, args: unknown[]): Promise<HostCallReply>;
  /** Listens to a host event; the listener gets the payload only, never Electron's event. */
  subscribe(event: HostEvent, listener: (payload: unknown) => void): Unsubscribe;
}
