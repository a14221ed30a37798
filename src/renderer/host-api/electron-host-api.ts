import { HostApiError, type HostApi } from '../../shared/host-api';
import type { DuetBridge, HostCallReply } from '../../shared/host-api/duet-bridge';
import { createHostApiClient } from '../../shared/host-api/host-api-client';

/** Turns a main-process reply into the value, or a HostApiError with its code. */
async function unwrap(reply: Promise<HostCallReply>): Promise<unknown> {
  let settled: HostCallReply;
  try {
    settled = await reply;
  } catch (error) {
    // Only Electron itself rejects (no handler, window closing): the host is not there.
    throw new HostApiError('unavailable', error instanceof Error ? error.message : String(error));
  }
  if (settled.ok) return settled.value;
  throw new HostApiError(settled.error.code, settled.error.message);
}

/** The HostApi inside Electron: every call goes through the preload's `window.duet` over IPC. */
export function createElectronHostApi(duet: DuetBridge): HostApi {
  return createHostApiClient(
    {
      call: (call, args) => unwrap(duet.call(call, args)),
      subscribe: (event, listener) => duet.subscribe(event, listener),
    },
    { onNotifyError: (call, error) => console.warn(`duet: host call ${call} failed`, error) },
  );
}
