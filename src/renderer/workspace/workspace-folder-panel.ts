import type { HostApi } from '../../shared/host-api';
import { h, type View } from '../ui/dom';
import type { SharedWorkspace } from './shared-workspace';

export interface WorkspaceFolderOptions {
  workspace: SharedWorkspace;
  hostApi: HostApi;
  /** Tells the host what happened (loaded, saved, or why not). */
  onNotice(message: string, tone: 'info' | 'warn'): void;
  /** Opens a file after a load (the entry). */
  onLoaded(fileId: string | undefined): void;
}

/**
 * The host's way between the workspace and a folder on their machine: load a starter
 * workspace (an exercise with its tests; it replaces the files for everyone) and save the
 * files into a new or empty folder. The folder is typed as an absolute path (the web shell
 * has no file dialog); the host side checks it and answers what is wrong.
 */
export function workspaceFolderPanel(options: WorkspaceFolderOptions): View {
  const { workspace, hostApi } = options;
  const input = h('input', { type: 'text', id: 'workspace-folder', placeholder: '/home/you/exercise', spellcheck: 'false', autocomplete: 'off' });
  const status = h('p', { class: 'muted file-problem-info', role: 'status', 'aria-label': 'Folder' });
  let busy = false;
  const act = async (work: (folder: string) => Promise<string>) => {
    const folder = input.value.trim();
    if (busy) return;
    if (!folder) {
      status.textContent = 'Type the folder’s full path first';
      return;
    }
    busy = true;
    try {
      const message = await work(folder);
      status.textContent = message;
      options.onNotice(message, 'info');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      status.textContent = message;
      options.onNotice(message, 'warn');
    } finally {
      busy = false;
    }
  };
  const load = () =>
    act(async (folder) => {
      const files = await hostApi.run.loadWorkspace(folder);
      const result = workspace.replaceAll(files);
      if (!result.ok) throw new Error(result.problem);
      options.onLoaded(result.file?.id);
      return `Loaded ${files.length} ${files.length === 1 ? 'file' : 'files'} from ${folder}`;
    });
  const save = () =>
    act(async (folder) => {
      const saved = await hostApi.run.saveWorkspace(folder, workspace.contents());
      return `Saved ${saved.files} ${saved.files === 1 ? 'file' : 'files'} to ${saved.folder}`;
    });
  const element = h(
    'div',
    { class: 'workspace-folder' },
    h('label', { for: 'workspace-folder' }, 'Folder on this machine'),
    input,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', class: 'small', title: 'Replace the files with a starter workspace from this folder', onclick: () => void load() }, 'Load folder'),
      h('button', { type: 'button', class: 'small', title: 'Save the files into this new or empty folder', onclick: () => void save() }, 'Save to folder'),
    ),
    status,
  );
  return { element, dispose: () => element.remove() };
}
