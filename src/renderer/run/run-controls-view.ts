import type { RunState } from '../../shared/host-api';
import { h, type View } from '../ui/dom';
import { describeRunState, runTone } from './run-state-text';

/** The Run and Stop buttons with the run state everyone sees. */
export interface RunControlsView extends View {
  setState(state: RunState): void;
  /** Whether this person may run and stop; `reason` explains when not. */
  setAllowed(allowed: boolean, reason?: string): void;
  /** Whether the session's language can run on the host; `problem` explains when not. */
  setRunnable(runnable: boolean, problem?: string): void;
  /** Shows why the last Run or Stop failed, until the run state next changes; undefined clears it. */
  showProblem(message: string | undefined): void;
}

/** Creates the controls; the callbacks run on click (the keyboard shortcut is wired elsewhere). */
export function createRunControlsView(actions: { onRun(): void; onStop(): void }): RunControlsView {
  const runButton = h(
    'button',
    { type: 'button', class: 'run-button', title: 'Run the code (Ctrl+Enter)', 'aria-keyshortcuts': 'Control+Enter Meta+Enter', onclick: () => actions.onRun() },
    '▶ Run',
  );
  const stopButton = h('button', { type: 'button', class: 'stop-button', title: 'Stop the program', onclick: () => actions.onStop() }, '■ Stop');
  const state = h('span', { class: 'run-state', role: 'status', 'aria-label': 'Run state', 'aria-live': 'polite' });
  const problem = h('span', { class: 'run-problem', role: 'alert' });
  const element = h('div', { class: 'run-controls' }, runButton, stopButton, state, problem);
  runButton.setAttribute('aria-label', 'Run');
  stopButton.setAttribute('aria-label', 'Stop');

  let current: RunState = { status: 'idle' };
  let allowed = true;
  let reason: string | undefined;
  let runnable = true;
  let runProblem: string | undefined;

  function render(): void {
    const running = current.status === 'running';
    runButton.disabled = !allowed || running || !runnable;
    stopButton.disabled = !allowed || !running;
    const why = allowed ? undefined : reason;
    runButton.title = why ?? (runnable ? 'Run the code (Ctrl+Enter)' : (runProblem ?? 'This language cannot run on the host'));
    stopButton.title = why ?? 'Stop the program';
    state.textContent = describeRunState(current);
    state.dataset.tone = runTone(current);
  }
  const showProblem = (message: string | undefined) => {
    problem.textContent = message ?? '';
    problem.hidden = message === undefined;
  };
  render();
  showProblem(undefined);

  return {
    element,
    setState(next) {
      // Every new state replaces what the bar said before: a refusal of the last click
      // ("a run is already in progress") is stale once the run it was about has moved on.
      if (!sameRunState(current, next)) showProblem(undefined);
      current = next;
      render();
    },
    setAllowed(next, why) {
      allowed = next;
      reason = why;
      render();
    },
    setRunnable(next, problem) {
      runnable = next;
      runProblem = problem;
      render();
    },
    showProblem,
    dispose() {
      element.remove();
    },
  };
}

/** Whether two states describe the same moment of the same run (the host re-sends its state to joiners). */
function sameRunState(a: RunState, b: RunState): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
