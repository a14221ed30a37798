import type { HostCallReply } from '../shared/host-api/duet-bridge';
import { HOST_CALLS, parseHostCall, type HostCall } from '../shared/host-api/host-calls';
import { dispatchHostCall, hostCallError, type HostCallTarget } from '../shared/host-api/host-call-dispatch';
import { isAppUrl } from './app-url';

/** The part of a WebFrameMain the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: SenderFrame | null;
}

/** The part of an IpcMainInvokeEvent the handlers read. */
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

/** The part of Electron's ipcMain the handlers use (tests pass a Map-backed fake). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  /** The top frame of Duet's main window right now (undefined while there is none). */
  mainFrame(): SenderFrame | undefined;
  /** The app's own URL (file:// of out/renderer/index.html, or the dev server). */
  appUrl: string;
  /** Answers the calls; `terminal` and `run` may be getters that create host services lazily. */
  target(): Promise<HostCallTarget> | HostCallTarget;
}

/** What a handler answers; errors travel as values with a code (see src/shared/host-api/duet-bridge.ts). */
export type IpcReply = HostCallReply;

/** Why a sender may not call the host services, or undefined when it may. */
export function senderProblem(event: InvokeEvent, deps: Pick<IpcDeps, 'mainFrame' | 'appUrl'>): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'the calling frame is gone';
  if (frame.parent !== null || frame !== deps.mainFrame()) return "the caller is not Duet's main window";
  if (!isAppUrl(frame.url, deps.appUrl)) return 'the calling page is not Duet';
  return undefined;
}

/**
 * Registers one ipcMain handler per HOST_CALLS entry. Each checks its sender (the top
 * frame of our main window, showing our app) and its arguments (parseHostCall) before any
 * host service is touched. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const calls = Object.keys(HOST_CALLS) as HostCall[];
  for (const call of calls) {
    ipcMain.handle(call, async (event, ...args): Promise<IpcReply> => {
      const problem = senderProblem(event, deps);
      if (problem) return { ok: false, error: { code: 'forbidden', message: `${call} refused: ${problem}` } };
      const parsed = parseHostCall(call, args);
      if (!parsed.ok) return { ok: false, error: { code: 'bad-argument', message: parsed.error } };
      try {
        return { ok: true, value: await dispatchHostCall(await deps.target(), parsed.call, parsed.args) };
      } catch (error) {
        return { ok: false, error: hostCallError(error) };
      }
    });
  }
  return () => {
    for (const call of calls) ipcMain.removeHandler(call);
  };
}
