import { join } from 'node:path';
import { HostApiError, LANGUAGES, type HostRun, type Language, type RunPresetInfo, type RunState, type Unsubscribe } from '../../shared/host-api';
import { languageOfPath, type WorkspaceFileContent } from '../../shared/protocol/collab/workspace-paths';
import { DisposableStore, Emitter } from '../../shared/lifecycle';
import { HOST_EMITTER_OPTIONS } from '../listener-errors';
import { killJob, shellHasForeground } from '../process-tree';
import { RunMarkerParser, type RunMarker } from './run-markers';
import type { RunPreset } from './run-presets';
import { RUN_WRAPPER_PATH, RUN_WRAPPER_VARIABLE, shellQuote } from './run-wrapper';
import type { SharedTerminal } from '../terminal/shared-terminal';
import type { SessionWorkspace } from '../workspace';
import { loadWorkspaceFolder, saveWorkspaceFolder } from './workspace-folder';
import { WorkspaceWriter } from './workspace-writer';

/** What Run runs: the workspace's files and the one to start, or (older callers) one language's source. */
export type RunRequest = { entry: string; files: WorkspaceFileContent[] } | { language: Language; source: string };

/** Exit code reported when the shell itself went away during a run (128 + SIGHUP). */
export const EXIT_TERMINAL_CLOSED = 129;
/** Exit code reported when Ctrl-C ended a run before it even started (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;
/** Exit code reported when Stop had to kill the run's process group (128 + SIGKILL). */
export const EXIT_KILLED = 137;

const MAX_SOURCE_BYTES = 1024 * 1024;
/** How long run() waits for a finishing job to give the terminal back to the shell. */
const PROMPT_WAIT_MS = 500;

export interface PresetRunnerOptions {
  terminal: SharedTerminal;
  workspace: SessionWorkspace;
  /** Detected once and cached by the caller. */
  presets: () => Promise<RunPreset[]>;
  nonce: string;
  stopGraceMs: number;
}

interface ActiveRun {
  language: Language;
  /** When the run began (performance.now()); moved to the wrapper's start marker when seen. */
  began: number;
  /** The wrapper's pid (and process group) once its start marker arrived. */
  pid?: number;
  ended: Promise<void>;
  end: () => void;
}

/**
 * Runs the workspace with its entry file's preset: writes the files to the session folder and
 * types the preset's command into the shared pty, so everyone sees command and output.
 * One run at a time: a second run() while one is going rejects with 'forbidden'.
 */
export class PresetRunner implements HostRun {
  private state: RunState = { status: 'idle' };
  private active: ActiveRun | undefined;
  private readonly events = new Emitter<{ state: (state: RunState) => void }>(HOST_EMITTER_OPTIONS);
  private readonly parser: RunMarkerParser;
  /** Our listeners on the terminal. */
  private readonly listeners = new DisposableStore();
  private readonly writer = new WorkspaceWriter();

  constructor(private readonly options: PresetRunnerOptions) {
    this.parser = new RunMarkerParser(options.nonce);
    // Listeners see output before the state changes, so a run's output precedes its exit.
    this.listeners.add(options.terminal.onOutput((chunk) => this.parser.feed(chunk.data).forEach((marker) => this.onMarker(marker))));
    this.listeners.add(options.terminal.onExit(() => this.finish(EXIT_TERMINAL_CLOSED)));
  }

  /** The presets with whether each toolchain was found on this host. */
  async presets(): Promise<RunPresetInfo[]> {
    return (await this.options.presets()).map(({ command: _command, ...info }) => info);
  }

  /**
   * Writes the workspace's files into the session folder and types the preset of the entry
   * file's language, for the entry file, into the pty.
   */
  async run(request: RunRequest): Promise<void> {
    const language = this.languageOf(request);
    if (this.active) throw new HostApiError('forbidden', 'a run is already in progress; stop it first');
    let end!: () => void;
    const run: ActiveRun = { language, began: performance.now(), ended: new Promise((resolve) => (end = resolve)), end };
    // Claimed before the first await, so two clicks cannot start two runs.
    this.active = run;
    try {
      const preset = (await this.options.presets()).find((candidate) => candidate.language === language);
      if (!preset?.available) throw new HostApiError('unavailable', `${preset?.label ?? language} cannot run here: ${preset?.missing ?? 'no preset'}`);
      const files = 'files' in request ? request.files : [{ path: preset.fileName, text: request.source }];
      const entry = 'entry' in request ? request.entry : preset.fileName;
      await this.writer.write(await this.options.workspace.ensure(), files);
      const command = preset.commandFor(entry);
      const { terminal } = this.options;
      if (!terminal.info().running) await terminal.open(terminal.info());
      await this.assertShellAtPrompt();
      const line = `${this.wrapperInvocation(terminal)} ${/[^\w@%+=:,./ -]/.test(command) ? shellQuote(command) : command}`;
      run.began = performance.now();
      this.setState({ status: 'running', language, command, startedAt: Date.now() });
      // Ctrl-E Ctrl-U first: clear whatever someone half-typed at the prompt.
      await terminal.write(`\x05\x15${line}\r`);
    } catch (error) {
      if (this.active === run) this.active = undefined;
      run.end();
      if (this.state.status === 'running') this.setState({ status: 'exited', language, exitCode: EXIT_INTERRUPTED, durationMs: 0 });
      if (error instanceof HostApiError) throw error;
      throw new HostApiError('internal', `could not start the run: ${(error as Error).message}`);
    }
  }

  /** Reads a starter workspace from a folder on this machine (see loadWorkspaceFolder). */
  loadWorkspace(folder: string): Promise<WorkspaceFileContent[]> {
    return loadWorkspaceFolder(folder);
  }

  /** Saves the workspace into a new or empty folder on this machine (see saveWorkspaceFolder). */
  saveWorkspace(folder: string, files: WorkspaceFileContent[]): Promise<{ folder: string; files: number }> {
    return saveWorkspaceFolder(folder, files);
  }

  /** The language a request runs in, checked before anything is claimed or written. */
  private languageOf(request: RunRequest): Language {
    if (typeof request !== 'object' || request === null) throw new HostApiError('bad-argument', 'a run needs files and an entry');
    if ('files' in request) {
      const { entry, files } = request;
      if (!Array.isArray(files) || typeof entry !== 'string') throw new HostApiError('bad-argument', 'a run needs files and an entry');
      if (!files.some((file) => file.path === entry)) throw new HostApiError('bad-argument', `the entry file ${entry} is not in the workspace`);
      const language = languageOfPath(entry);
      if (!language) throw new HostApiError('bad-argument', `${entry} is not in a language Duet can run; choose another Run file`);
      return language;
    }
    const { language, source } = request;
    if (!LANGUAGES.includes(language)) throw new HostApiError('bad-argument', `unknown language ${JSON.stringify(language)}`);
    if (typeof source !== 'string' || Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
      throw new HostApiError('bad-argument', 'source must be a string of at most 1 MiB');
    }
    return language;
  }

  /** Ctrl-C; if the run has not ended after the grace period, kills its process group. */
  async stop(): Promise<void> {
    const run = this.active;
    if (!run) return;
    if (this.options.terminal.info().running) await this.options.terminal.write('\x03');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([run.ended, new Promise((resolve) => (timer = setTimeout(resolve, this.options.stopGraceMs)))]);
    clearTimeout(timer);
    if (this.active !== run) return;
    if (run.pid === undefined) {
      // The wrapper never started: Ctrl-C discarded the typed line.
      this.finish(EXIT_INTERRUPTED);
      return;
    }
    await killJob(run.pid);
    this.finish(EXIT_KILLED);
  }

  /** Listens to run state changes (the current state is `current()`). */
  onState(listener: (state: RunState) => void): Unsubscribe {
    return this.events.on('state', listener);
  }

  /** Current run state. */
  async current(): Promise<RunState> {
    return this.state;
  }

  /** Stops listening to the terminal and drops listeners. */
  dispose(): void {
    this.finish(EXIT_TERMINAL_CLOSED);
    this.listeners.dispose();
    this.events.clear();
  }

  /**
   * Refuses to type a command into a program the shell is running (an editor, a REPL, a
   * previous job): it would land there, not at the prompt. A job that is just finishing
   * gets a moment to hand the terminal back.
   */
  private async assertShellAtPrompt(): Promise<void> {
    const deadline = performance.now() + PROMPT_WAIT_MS;
    for (;;) {
      const pid = this.options.terminal.shellPid();
      if (pid === undefined || (await shellHasForeground(pid)) !== false) return;
      if (performance.now() >= deadline) {
        throw new HostApiError('forbidden', 'the terminal is busy: a program is running in it; end it first');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * How the typed command calls the wrapper: through the shell's `$DUET_RUN` (its absolute
   * path, set when the shell started), so it reads short and still works after a `cd` —
   * typed input may be queued behind one, so a relative path could miss. A shell started
   * without the variable (by a caller that gives no envFor) gets the absolute path.
   */
  private wrapperInvocation(terminal: SharedTerminal): string {
    if (terminal.hasEnv(RUN_WRAPPER_VARIABLE)) return `"$${RUN_WRAPPER_VARIABLE}"`;
    return shellQuote(join(this.options.workspace.dir(), RUN_WRAPPER_PATH));
  }

  private onMarker(marker: RunMarker): void {
    const run = this.active;
    // Markers of a wrapper started by hand (no run claimed) are not a run of ours.
    if (!run) return;
    if (marker.kind === 'start') {
      if (run.pid === undefined) {
        run.pid = marker.pid;
        run.began = performance.now();
      }
      return;
    }
    this.finish(marker.code);
  }

  private finish(exitCode: number): void {
    const run = this.active;
    if (!run || this.state.status !== 'running') return;
    this.active = undefined;
    run.end();
    this.setState({ status: 'exited', language: run.language, exitCode, durationMs: Math.round(performance.now() - run.began) });
  }

  private setState(state: RunState): void {
    this.state = state;
    this.events.emit('state', state);
  }
}
