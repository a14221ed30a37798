import type { RunState } from '../../shared/host-api';

/** "0.4 s", "1.2 s", "12 s", "2 min 5 s": precise for short runs, calm for long ones. */
export function formatDuration(ms: number): string {
  const safe = Number.isFinite(ms) && ms > 0 ? ms : 0;
  if (safe < 10_000) return `${(safe / 1000).toFixed(1)} s`;
  const seconds = Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** The run state as everyone reads it: "Running node main.js", "Exited 0 in 1.2 s", "Not running". */
export function describeRunState(state: RunState): string {
  switch (state.status) {
    case 'idle':
      return 'Not running';
    case 'running':
      return `Running ${state.command}`;
    case 'exited':
      return `Exited ${state.exitCode} in ${formatDuration(state.durationMs)}`;
  }
}

/** A tone for the state's badge: running, success, failure or nothing yet. */
export function runTone(state: RunState): 'idle' | 'running' | 'ok' | 'failed' {
  if (state.status === 'idle') return 'idle';
  if (state.status === 'running') return 'running';
  return state.exitCode === 0 ? 'ok' : 'failed';
}
