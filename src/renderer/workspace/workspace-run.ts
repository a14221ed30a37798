import type { CollabDoc } from '../collab/collab-doc';
import { presetAvailability } from '../run/preset-availability';
import type { RunSource } from '../run/run-source';
import type { RunnableLanguage } from '../session/terminal-slot';
import type { SharedWorkspace } from './shared-workspace';

/** What Run sends: every file, and the entry file (or why there is nothing to run). */
export function workspaceRunSource(workspace: SharedWorkspace): RunSource {
  const entry = workspace.entry();
  if (!entry) return { problem: workspace.files().length === 0 ? 'There are no files to run' : 'Choose the file Run starts (Run file)' };
  return { entry: entry.path, files: workspace.contents() };
}

/** Whether the host can run the entry file's language, following entry, renames and the host's presets. */
export function workspaceRunnable(workspace: SharedWorkspace, collab: CollabDoc): RunnableLanguage {
  return {
    now: () => {
      const entry = workspace.entry();
      if (!entry) return { available: false, problem: 'Choose the file Run starts (Run file)' };
      if (!entry.language) return { available: false, problem: `${entry.path} is not in a language Duet can run; choose another Run file` };
      return presetAvailability(collab.presets, entry.language);
    },
    onChange: (listener) => {
      const offs = [workspace.onChange(listener), collab.onPresets(listener)];
      return () => offs.forEach((off) => off());
    },
  };
}
