import { HostApiError, type HostRun, type RunPresetInfo, type RunState } from '../../shared/host-api';
import { languageOfPath } from '../../shared/protocol/collab/workspace-paths';
import { DisposableStore } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { decodeRunMessage, encodeRunMessage } from '../../shared/protocol/run/run-wire';
import { mayTypeInTerminal } from '../terminal/terminal-input';
import { presetAvailability } from './preset-availability';
import type { RunControlsView } from './run-controls-view';
import type { RunSource } from './run-source';

export interface HostRunLinkOptions {
  client: SessionClient;
  grants: TerminalGrants;
  run: HostRun;
  controls: RunControlsView;
  /** The workspace now: its files and the entry file. */
  getSource(): RunSource;
  /** Presets as the host reported them, once known (for the language picker). */
  onPresets?(presets: RunPresetInfo[]): void;
}

/** Run and Stop as this person can use them; `runNow` is false when the shortcut is not ours to take. */
export interface RunLink {
  runNow(): boolean;
  stop(): void;
  dispose(): void;
}

/** Connects the host's run presets to the controls and to the run channel. */
export function linkHostRun(options: HostRunLinkOptions): RunLink {
  const { client, run, controls } = options;
  let presets: RunPresetInfo[] | undefined;
  let state: RunState = { status: 'idle' };
  const store = new DisposableStore();

  const fail = (what: string) => (error: unknown) => {
    // A refusal with a code (a run in progress, a busy terminal) is shown below; only surprises go to the console.
    if (!(error instanceof HostApiError) || error.code === 'internal') console.warn(`duet run: ${what}`, error);
    if (!store.isDisposed) controls.showProblem(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };
  const sendState = (to?: number) => {
    if (client.state === 'open') client.send(CHANNELS.run, encodeRunMessage({ type: 'state', state }), to);
  };

  // A reloaded host page picks up a run still in progress and tells the guests. A finished
  // one is history (possibly an earlier session's on this machine): the view starts idle.
  run
    .current()
    .then((current) => {
      if (store.isDisposed || state.status !== 'idle' || current.status !== 'running') return;
      state = current;
      controls.setState(current);
      sendState();
    })
    .catch(fail('Cannot read the run state'));

  run
    .presets()
    .then((list) => {
      presets = list;
      options.onPresets?.(list);
    })
    .catch(fail('Cannot list the run presets'));

  function runNow(): boolean {
    const request = options.getSource();
    if ('problem' in request) {
      controls.showProblem(request.problem);
      return true;
    }
    const language = languageOfPath(request.entry);
    if (!language) {
      controls.showProblem(`${request.entry} is not in a language Duet can run; choose another Run file`);
      return true;
    }
    const availability = presetAvailability(presets, language);
    if (!availability.available) {
      controls.showProblem(availability.problem);
      return true;
    }
    controls.showProblem(undefined);
    run.run(request).catch(fail('Run failed'));
    return true;
  }
  const stop = () => {
    run.stop().catch(fail('Stop failed'));
  };

  store.add(
    run.onState((next) => {
      state = next;
      controls.setState(next);
      sendState();
    }),
  );
  store.add(
    client.on('data', ({ channel, from, payload }) => {
      // A guest catching up its terminal (join, reconnect) catches up the run state too.
      if (channel === CHANNELS.terminalSync && client.members.has(from)) return sendState(from);
      if (channel !== CHANNELS.run) return;
      const message = decodeRunMessage(payload);
      // Enforced here, whatever the relay let through.
      if (!message || !mayTypeInTerminal(client.members.get(from), options.grants.has(from))) return;
      if (message.type === 'run') runNow();
      else if (message.type === 'stop') stop();
    }),
  );
  store.add(client.on('welcome', () => sendState()));
  store.add(client.on('member-joined', (member) => sendState(member.id)));
  store.add(client.on('member-back', (member) => sendState(member.id)));
  controls.setAllowed(true);

  return {
    runNow,
    stop,
    dispose: () => store.dispose(),
  };
}
