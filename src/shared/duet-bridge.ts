import type {
  AppInfo,
  HostApiErrorCode,
  Language,
  LocalRelayInfo,
  RunPresetInfo,
  RunState,
  Settings,
  TerminalCatchUp,
  TerminalChunk,
  TerminalExit,
  TerminalInfo,
  TerminalSize,
  Unsubscribe,
} from './host-api';

/**
 * What every Electron main-process handler answers. Errors thrown across Electron IPC
 * reach the renderer as a bare message with Electron's own prefix, so the code a UI acts
 * on (bad-argument, forbidden, ...) travels as a value instead.
 */
export type HostCallReply<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: HostApiErrorCode; message: string } };

type Reply<T> = Promise<HostCallReply<T>>;

/**
 * `window.duet`, as the Electron preload exposes it (src/preload/duet-bridge.ts implements
 * it) and the renderer reads it (src/renderer/host-api/electron-host-api.ts): one function
 * per HOST_CALLS entry and one subscription per HOST_EVENTS entry.
 */
export interface DuetBridge {
  appInfo(): Reply<AppInfo>;
  getSettings(): Reply<Settings>;
  setSettings(patch: Partial<Settings>): Reply<Settings>;
  openExternal(url: string): Reply<void>;
  localRelay(): Reply<LocalRelayInfo | null>;
  terminalOpen(size: TerminalSize): Reply<TerminalInfo>;
  terminalWrite(data: string): Reply<void>;
  terminalResize(size: TerminalSize): Reply<void>;
  terminalAck(bytes: number): Reply<void>;
  terminalCatchUp(seq: number): Reply<TerminalCatchUp>;
  terminalClose(): Reply<void>;
  runPresets(): Reply<RunPresetInfo[]>;
  runRun(request: { language: Language; source: string }): Reply<void>;
  runStop(): Reply<void>;
  runCurrent(): Reply<RunState>;
  onTerminalOutput(listener: (chunk: TerminalChunk) => void): Unsubscribe;
  onTerminalExit(listener: (exit: TerminalExit) => void): Unsubscribe;
  onTerminalResize(listener: (size: TerminalSize) => void): Unsubscribe;
  onRunState(listener: (state: RunState) => void): Unsubscribe;
  onInviteLink(listener: (url: string) => void): Unsubscribe;
}
