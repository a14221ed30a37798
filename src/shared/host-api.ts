/**
 * HostApi: everything the renderer needs from the machine it runs on. One contract,
 * one implementation per shell: Electron (preload + IPC), the web shell (local
 * token-guarded WebSocket) and none at all for a browser guest (join only).
 * Bytes cross as Uint8Array; every method may reject with a HostApiError.
 */
import type { Language } from './protocol/languages';
import type { RunState } from './protocol/run/run-wire';

/** Call to stop listening. */
export type Unsubscribe = () => void;

export type ShellKind = 'electron' | 'web';

/** What the renderer is running inside. */
export interface AppInfo {
  name: string;
  version: string;
  /** `process.platform` of the host machine. */
  platform: string;
  shell: ShellKind;
}

/** Remembered between launches. */
export interface Settings {
  displayName: string;
  /** Relay WebSocket URL; empty means the embedded local relay. */
  relayUrl: string;
}

/** Terminal size in character cells. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/** State of the host's terminal. `seq` is the byte offset of the next output byte. */
export interface TerminalInfo extends TerminalSize {
  running: boolean;
  seq: number;
  shell: string;
  cwd: string;
}

/** A piece of pty output; `seq` is the stream offset of its first byte. */
export interface TerminalChunk {
  seq: number;
  data: Uint8Array;
}

/**
 * How to bring a terminal view up to date from a sequence number: either the bytes
 * since it (still in the ring buffer), or a serialized screen standing at `seq`.
 */
export type TerminalCatchUp =
  | { kind: 'bytes'; seq: number; data: Uint8Array }
  | { kind: 'snapshot'; seq: number; cols: number; rows: number; data: string };

export interface TerminalExit {
  exitCode: number;
  signal?: number;
}

/** The host's real shell (node-pty) with its headless mirror. */
export interface HostTerminal {
  /** Starts the shell in the session workspace if it is not running; returns its state. */
  open(size: TerminalSize): Promise<TerminalInfo>;
  /** Types into the pty (the host's own keystrokes, or a permitted guest's). */
  write(data: string): Promise<void>;
  /** Changes the pty size; the host's size is authoritative for everyone. */
  resize(size: TerminalSize): Promise<void>;
  /** Flow control: the renderer has rendered this many more output bytes. */
  ack(bytes: number): void;
  /** Bytes since `seq`, or a snapshot when `seq` is too old (or in the future). */
  catchUp(seq: number): Promise<TerminalCatchUp>;
  /** Ends the shell and every process it started. */
  close(): Promise<void>;
  onOutput(listener: (chunk: TerminalChunk) => void): Unsubscribe;
  onExit(listener: (exit: TerminalExit) => void): Unsubscribe;
  onResize(listener: (size: TerminalSize) => void): Unsubscribe;
}

export { LANGUAGES, type Language } from './protocol/languages';
export type { RunState } from './protocol/run/run-wire';

/** One run preset as the language picker shows it. */
export interface RunPresetInfo {
  language: Language;
  label: string;
  /** File the document is written to, relative to the workspace. */
  fileName: string;
  /** True when the toolchain was found on the host. */
  available: boolean;
  /** Why it is unavailable (e.g. "go not found"), for the picker's tooltip. */
  missing?: string;
}

/** Run presets: write the document to the workspace and type the command into the pty. */
export interface HostRun {
  presets(): Promise<RunPresetInfo[]>;
  run(request: { language: Language; source: string }): Promise<void>;
  /** Ctrl-C, then kill the run's process group if it does not end. */
  stop(): Promise<void>;
  /** What is running now (a reloaded view starts from it; `onState` only reports changes). */
  current(): Promise<RunState>;
  onState(listener: (state: RunState) => void): Unsubscribe;
}

/** The embedded relay started by the shell when no relay is configured. */
export interface LocalRelayInfo {
  url: string;
}

export interface HostApi {
  appInfo(): Promise<AppInfo>;
  getSettings(): Promise<Settings>;
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Opens an http(s) URL in the system browser; other schemes are refused. */
  openExternal(url: string): Promise<void>;
  /** The relay this shell started, or null when it runs against a configured one. */
  localRelay(): Promise<LocalRelayInfo | null>;
  /** Invite links (`duet://join/CODE`) the OS handed to the app. */
  onInviteLink(listener: (url: string) => void): Unsubscribe;
  terminal: HostTerminal;
  run: HostRun;
}

/** Error codes a HostApi call may reject with. */
export type HostApiErrorCode = 'bad-argument' | 'forbidden' | 'unavailable' | 'internal';

/** A rejected HostApi call, with a code the UI can act on. */
export class HostApiError extends Error {
  constructor(
    readonly code: HostApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostApiError';
  }
}
