import type { HostApi } from '../../shared/host-api';
import { DisposableStore } from '../../shared/lifecycle';
import type { CollabSession } from '../collab/collab-session';
import type { Toasts } from '../ui/toasts';
import { openFileLanguage, type LanguageChoice } from './file-language';
import { fileTabs } from './file-tabs';
import { fileTreeView } from './file-tree-view';
import { workspaceFolderPanel } from './workspace-folder-panel';

/** The workspace's parts of the session screen, made together so the screen places three elements. */
export interface WorkspaceViews {
  /** The file tree (beside the editor), with the host's folder load/save. */
  tree: HTMLElement;
  /** This member's tabs (above the editor). */
  tabs: HTMLElement;
  /** The open file's language, for the language picker. */
  language: LanguageChoice;
  dispose(): void;
}

/** Creates the file tree, tabs and language choice of a session. `hostApi` only for the host. */
export function mountWorkspace(options: { session: CollabSession; hostApi: HostApi | null; isHost: boolean; toasts: Toasts }): WorkspaceViews {
  const { session, toasts } = options;
  const store = new DisposableStore();
  const problem = (message: string) => toasts.show(message, 'warn');
  const folder = options.hostApi
    ? store.add(
        workspaceFolderPanel({
          workspace: session.workspace,
          hostApi: options.hostApi,
          onNotice: (message, tone) => toasts.show(message, tone),
          onLoaded: (id) => id && session.openFile.open(id),
        }),
      )
    : undefined;
  const tree = store.add(fileTreeView({ workspace: session.workspace, openFile: session.openFile, isHost: options.isHost, onProblem: problem, ...(folder ? { footer: folder.element } : {}) }));
  const tabs = store.add(fileTabs(session.workspace, session.openFile));
  return {
    tree: tree.element,
    tabs: tabs.element,
    language: openFileLanguage(session.workspace, session.openFile, problem),
    dispose: () => store.dispose(),
  };
}
