import { z } from 'zod';
import type { Unsubscribe } from '../lifecycle';
import { WORKSPACE_LIMITS, type WorkspaceFileContent } from '../protocol/collab/workspace-paths';
import { LANGUAGES } from '../protocol/languages';
import type { RunState } from '../protocol/run/run-wire';
import type { AppInfo, LocalRelayInfo, RunPresetInfo, Settings, TerminalCatchUp, TerminalChunk, TerminalExit, TerminalInfo, TerminalSize } from './contract';
import { TERMINAL_SIZE_BOUNDS } from './terminal-size';

/**
 * Every HostApi method, once: its wire name, which object of the HostApi answers it, the
 * schema of its arguments and the type of its result. The HostApi type, the preload bridge,
 * both shells' dispatch and both renderer clients are derived from these two tables, so a
 * new host call is a row here plus the host service method that answers it. Both remote
 * shells (Electron IPC, the web shell's socket) validate arguments with these schemas before
 * a host service is touched.
 */

/** The objects of the HostApi: its root (`app`), `terminal` and `run`. */
export type HostService = 'app' | 'terminal' | 'run';

/** The services that hang below the root, as `hostApi.terminal` and `hostApi.run`. */
export const NESTED_SERVICES = ['terminal', 'run'] as const;

interface CallRow {
  readonly service: HostService;
  readonly method: string;
  readonly args: z.ZodTuple;
  /** The result's type, for the compiler; undefined at run time (results are not re-validated). */
  readonly result: unknown;
  /** Fire and forget: the caller does not wait, and a failure is only logged. */
  readonly notify?: true;
}

interface EventRow {
  readonly service: HostService;
  readonly method: string;
  /** The payload's type, for the compiler; undefined at run time. */
  readonly payload: unknown;
}

/** Stands for a value of type T in a row; only its type matters. */
const typed = <T>(): T => undefined as T;
const call = <const R extends CallRow>(row: R): R => row;
const event = <const R extends EventRow>(row: R): R => row;

const { cols, rows } = TERMINAL_SIZE_BOUNDS;
const size = z.strictObject({
  cols: z.number().int().min(cols.min).max(cols.max),
  rows: z.number().int().min(rows.min).max(rows.max),
});

/** Workspace files as they cross to the host; the host checks paths, bytes and the tree again (workspaceProblem). */
const workspaceFiles = z
  .array(z.strictObject({ path: z.string().max(WORKSPACE_LIMITS.maxPathLength), text: z.string().max(WORKSPACE_LIMITS.maxFileBytes) }))
  .max(WORKSPACE_LIMITS.maxFiles);
/** A folder on the host's machine, as the host typed it; the host checks it is absolute and what is there. */
const hostFolder = z.string().min(1).max(4096);

/** Request/response calls, by wire name (the IPC channel, the web socket's `call`). */
export const HOST_CALLS = {
  /** What the renderer is running inside. */
  'app:info': call({ service: 'app', method: 'appInfo', args: z.tuple([]), result: typed<AppInfo>() }),
  /** The settings remembered between launches. */
  'settings:get': call({ service: 'app', method: 'getSettings', args: z.tuple([]), result: typed<Settings>() }),
  /** Changes some settings; answers all of them. */
  'settings:set': call({
    service: 'app',
    method: 'setSettings',
    args: z.tuple([
      z.strictObject({
        displayName: z.string().max(64).optional(),
        relayUrl: z
          .string()
          .max(2048)
          .refine((url) => url === '' || /^wss?:\/\//i.test(url), 'relay URL must start with ws:// or wss://')
          .optional(),
      }),
    ]),
    result: typed<Settings>(),
  }),
  /** Opens an http(s) URL in the system browser; other schemes are refused. */
  'shell:open-external': call({ service: 'app', method: 'openExternal', args: z.tuple([z.string().max(4096)]), result: typed<void>() }),
  /** The relay this shell started, or null when it runs against a configured one. */
  'relay:local': call({ service: 'app', method: 'localRelay', args: z.tuple([]), result: typed<LocalRelayInfo | null>() }),
  /** Starts the shell in the session workspace if it is not running; returns its state. */
  'terminal:open': call({ service: 'terminal', method: 'open', args: z.tuple([size]), result: typed<TerminalInfo>() }),
  /** Types into the pty (the host's own keystrokes, or a permitted guest's). */
  'terminal:write': call({ service: 'terminal', method: 'write', args: z.tuple([z.string().max(64 * 1024)]), result: typed<void>() }),
  /** Changes the pty size; the host's size is authoritative for everyone. */
  'terminal:resize': call({ service: 'terminal', method: 'resize', args: z.tuple([size]), result: typed<void>() }),
  /** Flow control: the renderer has rendered this many more output bytes. Never blocks rendering. */
  'terminal:ack': call({
    service: 'terminal',
    method: 'ack',
    args: z.tuple([z.number().int().min(0).max(1 << 30)]),
    result: typed<void>(),
    notify: true,
  }),
  /** Bytes since `seq`, or a snapshot when `seq` is too old (or in the future). */
  'terminal:catch-up': call({ service: 'terminal', method: 'catchUp', args: z.tuple([z.number().int().min(0)]), result: typed<TerminalCatchUp>() }),
  /** Ends the shell and every process it started. */
  'terminal:close': call({ service: 'terminal', method: 'close', args: z.tuple([]), result: typed<void>() }),
  /** The run presets, with whether each toolchain was found on this host. */
  'run:presets': call({ service: 'run', method: 'presets', args: z.tuple([]), result: typed<RunPresetInfo[]>() }),
  /**
   * Writes the workspace's files to the session folder and types the preset of the entry
   * file's language into the pty, running the entry file. The older single-file form writes
   * `source` as the language's main file.
   */
  'run:run': call({
    service: 'run',
    method: 'run',
    args: z.tuple([
      z.union([
        z.strictObject({ entry: z.string().max(WORKSPACE_LIMITS.maxPathLength), files: workspaceFiles }),
        z.strictObject({ language: z.enum(LANGUAGES), source: z.string().max(1024 * 1024) }),
      ]),
    ]),
    result: typed<void>(),
  }),
  /** Reads a starter workspace (an exercise and its tests) from a folder on the host's machine. */
  'run:load-workspace': call({ service: 'run', method: 'loadWorkspace', args: z.tuple([hostFolder]), result: typed<WorkspaceFileContent[]>() }),
  /** Saves the workspace's files into a new or empty folder on the host's machine; answers where and how many. */
  'run:save-workspace': call({
    service: 'run',
    method: 'saveWorkspace',
    args: z.tuple([hostFolder, workspaceFiles]),
    result: typed<{ folder: string; files: number }>(),
  }),
  /** Ctrl-C, then kill the run's process group if it does not end. */
  'run:stop': call({ service: 'run', method: 'stop', args: z.tuple([]), result: typed<void>() }),
  /** What is running now (a reloaded view starts from it; `run:state` only reports changes). */
  'run:current': call({ service: 'run', method: 'current', args: z.tuple([]), result: typed<RunState>() }),
} as const;

/** Events pushed from the host to the renderer, by wire name. */
export const HOST_EVENTS = {
  /** Sequenced pty output. */
  'terminal:output': event({ service: 'terminal', method: 'onOutput', payload: typed<TerminalChunk>() }),
  /** The shell exited. */
  'terminal:exit': event({ service: 'terminal', method: 'onExit', payload: typed<TerminalExit>() }),
  /** The pty's size changed. */
  'terminal:resize': event({ service: 'terminal', method: 'onResize', payload: typed<TerminalSize>() }),
  /** The run state changed. */
  'run:state': event({ service: 'run', method: 'onState', payload: typed<RunState>() }),
  /** An invite link (`duet://join/CODE`) the OS handed to the app; pushed by the shell itself. */
  'app:invite-link': event({ service: 'app', method: 'onInviteLink', payload: typed<string>() }),
} as const;

type Calls = typeof HOST_CALLS;
type Events = typeof HOST_EVENTS;

export type HostCall = keyof Calls;
export type HostEvent = keyof Events;
export type HostCallArgs<C extends HostCall> = z.infer<Calls[C]['args']>;
export type HostCallResult<C extends HostCall> = Calls[C]['result'];
export type HostEventPayload<E extends HostEvent> = Events[E]['payload'];

type Method<C extends HostCall> = (
  ...args: HostCallArgs<C>
) => Calls[C] extends { notify: true } ? void : Promise<HostCallResult<C>>;
type Subscription<E extends HostEvent> = (listener: (payload: HostEventPayload<E>) => void) => Unsubscribe;

/** The call methods of one HostApi object, named and typed by the table. */
export type CallsOf<S extends HostService> = {
  [C in HostCall as Calls[C]['service'] extends S ? Calls[C]['method'] : never]: Method<C>;
};
/** The event subscriptions of one HostApi object. */
export type EventsOf<S extends HostService> = {
  [E in HostEvent as Events[E]['service'] extends S ? Events[E]['method'] : never]: Subscription<E>;
};

/** Whether `name` is a host call (own property of the table, so `__proto__` and friends are not). */
export function isHostCall(name: unknown): name is HostCall {
  return typeof name === 'string' && Object.hasOwn(HOST_CALLS, name);
}

/** Whether `name` is a host event. */
export function isHostEvent(name: unknown): name is HostEvent {
  return typeof name === 'string' && Object.hasOwn(HOST_EVENTS, name);
}

/** Validates a call's name and arguments; returns a message saying what is wrong, or the parsed args. */
export function parseHostCall(
  name: unknown,
  args: unknown,
): { ok: true; call: HostCall; args: unknown[] } | { ok: false; error: string } {
  if (!isHostCall(name)) return { ok: false, error: `unknown call ${JSON.stringify(String(name)).slice(0, 80)}` };
  const parsed = HOST_CALLS[name].args.safeParse(args);
  if (!parsed.success) return { ok: false, error: `${name}: ${z.prettifyError(parsed.error)}` };
  return { ok: true, call: name, args: parsed.data as unknown[] };
}
