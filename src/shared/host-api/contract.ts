/**
 * The values that cross the HostApi: what the renderer needs from the machine it runs on.
 * The methods themselves are the HOST_CALLS table (host-calls.ts), from which HostApi is
 * derived. Bytes cross as Uint8Array; every method may reject with a HostApiError.
 */
import type { Unsubscribe } from '../lifecycle';
import type { Language } from '../protocol/languages';
import type { CallsOf, EventsOf } from './host-calls';

export type { Unsubscribe };

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

export { LANGUAGES, type Language } from '../protocol/languages';
export type { RunState } from '../protocol/run/run-wire';

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

/** The embedded relay started by the shell when no relay is configured. */
export interface LocalRelayInfo {
  url: string;
}

/**
 * The HostApi: one contract, one implementation per shell — Electron (preload + IPC), the
 * web shell (local token-guarded WebSocket), none at all for a browser guest (join only).
 * Every method is a row of HOST_CALLS or HOST_EVENTS; add one there, not here.
 */
export type HostApi = CallsOf<'app'> & EventsOf<'app'> & { terminal: HostTerminal; run: HostRun };

/** The host's real shell (node-pty) with its headless mirror. */
export type HostTerminal = CallsOf<'terminal'> & EventsOf<'terminal'>;

/** Run presets: write the document to the workspace and type the command into the pty. */
export type HostRun = CallsOf<'run'> & EventsOf<'run'>;

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
