import type { HostApi } from '../../shared/host-api';
import type { RunSource } from '../run/run-source';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';

/** What a terminal view gets when the session screen mounts it. */
export interface TerminalContext {
  /** The empty `#terminal` element inside `<section aria-label="Terminal">`. */
  mount: HTMLElement;
  client: SessionClient;
  /** The host's record of terminal-input grants. */
  grants: TerminalGrants;
  /** Present on the host's machine (Electron or web shell); null for browser guests. */
  hostApi: HostApi | null;
  /** The workspace as it is now, for Run. */
  getSource(): RunSource;
  /** Whether the host can run the entry file's language now, and a way to hear when that changes. */
  runnable?: RunnableLanguage;
}

/** Whether Run can work for the entry file's language (the host's toolchains, as it published them). */
export interface RunnableLanguage {
  now(): { available: boolean; problem?: string | undefined };
  onChange(listener: () => void): () => void;
}

/** A mounted terminal view. */
export interface TerminalView {
  dispose(): void;
}

export type TerminalFactory = (context: TerminalContext) => TerminalView;

let factory: TerminalFactory | undefined;

/** Registers the terminal view (the terminal feature calls this once at startup). */
export function provideTerminal(create: TerminalFactory): void {
  factory = create;
}

/** Mounts the registered terminal view into a session screen, or nothing yet. */
export function mountTerminal(context: TerminalContext): TerminalView {
  return factory ? factory(context) : { dispose: () => undefined };
}
