import { HostApiError, type HostApi } from '../../shared/host-api';
import type { DuetBridge, HostCallReply } from '../../shared/duet-bridge';

/** Turns a main-process reply into the value, or a HostApiError with its code. */
async function unwrap<T>(reply: Promise<HostCallReply<T>>): Promise<T> {
  let settled: HostCallReply<T>;
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
  return {
    appInfo: () => unwrap(duet.appInfo()),
    getSettings: () => unwrap(duet.getSettings()),
    setSettings: (patch) => unwrap(duet.setSettings(patch)),
    openExternal: (url) => unwrap(duet.openExternal(url)),
    localRelay: () => unwrap(duet.localRelay()),
    onInviteLink: (listener) => duet.onInviteLink(listener),
    terminal: {
      open: (size) => unwrap(duet.terminalOpen(size)),
      write: (data) => unwrap(duet.terminalWrite(data)),
      resize: (size) => unwrap(duet.terminalResize(size)),
      ack: (bytes) => {
        // Fire and forget: flow-control credit must never block rendering.
        unwrap(duet.terminalAck(bytes)).catch((error: unknown) => console.warn('terminal ack failed', error));
      },
      catchUp: (seq) => unwrap(duet.terminalCatchUp(seq)),
      close: () => unwrap(duet.terminalClose()),
      onOutput: (listener) => duet.onTerminalOutput(listener),
      onExit: (listener) => duet.onTerminalExit(listener),
      onResize: (listener) => duet.onTerminalResize(listener),
    },
    run: {
      presets: () => unwrap(duet.runPresets()),
      run: (request) => unwrap(duet.runRun(request)),
      stop: () => unwrap(duet.runStop()),
      current: () => unwrap(duet.runCurrent()),
      onState: (listener) => duet.onRunState(listener),
    },
  };
}
