import type { HostApi, RunPresetInfo } from '../../shared/host-api';
import { DisposableStore } from '../../shared/lifecycle';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import type { RunnableLanguage } from '../session/terminal-slot';
import type { View } from '../ui/dom';
import { linkGuestRun } from './guest-run-link';
import { linkHostRun, type RunLink } from './host-run-link';
import { createRunControlsView } from './run-controls-view';
import type { RunSource } from './run-source';
import { listenForRunShortcut } from './run-shortcut';
import './run.css';

export { presetAvailability, type PresetAvailability } from './preset-availability';
export { describeRunState, formatDuration } from './run-state-text';
export { isRunShortcut } from './run-shortcut';
export type { RunSource } from './run-source';

export interface RunControlsContext {
  client: SessionClient;
  grants: TerminalGrants;
  hostApi: HostApi | null;
  getSource(): RunSource;
  /** Whether the host can run the entry file's language now (Run is disabled when not). */
  runnable?: RunnableLanguage;
  /** The host's presets once known, e.g. for the language picker's "not installed" badges. */
  onPresets?(presets: RunPresetInfo[]): void;
}

/** Run controls in the page, plus the ability to run as Ctrl/Cmd+Enter does. */
export interface RunControls extends View {
  /** Runs (host) or asks the host to run (granted guest); false when this person may not. */
  runNow(): boolean;
}

/**
 * Creates the Run and Stop buttons and the run state for this member, and listens for
 * Ctrl/Cmd+Enter anywhere in the page (capture phase, so it works inside Monaco).
 */
export function createRunControls(ctx: RunControlsContext): RunControls {
  const actions = { run: () => false, stop: () => undefined as void };
  const controls = createRunControlsView({ onRun: () => actions.run(), onStop: () => actions.stop() });
  const runLink: RunLink =
    ctx.client.isHost && ctx.hostApi
      ? linkHostRun({ client: ctx.client, grants: ctx.grants, run: ctx.hostApi.run, controls, getSource: ctx.getSource, onPresets: ctx.onPresets })
      : linkGuestRun({ client: ctx.client, controls });
  actions.run = () => runLink.runNow();
  actions.stop = () => runLink.stop();
  const store = new DisposableStore();
  store.add(controls);
  store.add(runLink);
  store.add(listenForRunShortcut(window, () => runLink.runNow()));
  const showRunnable = () => {
    const now = ctx.runnable?.now();
    controls.setRunnable(now?.available ?? true, now?.problem);
  };
  if (ctx.runnable) store.add(ctx.runnable.onChange(showRunnable));
  showRunnable();
  return {
    element: controls.element,
    runNow: () => runLink.runNow(),
    dispose: () => store.dispose(),
  };
}
