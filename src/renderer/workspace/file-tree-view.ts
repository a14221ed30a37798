import { DisposableStore } from '../../shared/lifecycle';
import { h, type View } from '../ui/dom';
import type { OpenFile } from './open-file';
import type { SharedWorkspace, WorkspaceFile, WorkspaceResult } from './shared-workspace';
import './workspace.css';

export interface FileTreeOptions {
  workspace: SharedWorkspace;
  openFile: OpenFile;
  /** Only the host picks the file Run starts; the others see the choice. */
  isHost: boolean;
  /** Tells the person why a change was refused. */
  onProblem(message: string): void;
  /** Extra controls under the tree (the host's folder load/save). */
  footer?: HTMLElement;
}

/**
 * The workspace's files as a tree (folders from the paths), with New file, Rename and
 * Delete for everyone, and the host's choice of the file Run starts. Rebuilt on every change
 * of the workspace's shape; the control that had focus gets it back.
 */
export function fileTreeView(options: FileTreeOptions): View {
  const { workspace, openFile } = options;
  const store = new DisposableStore();
  const list = h('ul', { class: 'file-tree', 'aria-label': 'Files' });
  const problem = h('p', { class: 'file-problem', role: 'alert' });
  const entrySelect = h('select', {
    id: 'run-entry-select',
    disabled: !options.isHost,
    title: options.isHost ? 'The file Run starts' : 'The host chooses the file Run starts',
    onchange: () => workspace.setEntry(entrySelect.value),
  });
  let editing: { kind: 'new' } | { kind: 'rename'; id: string } | { kind: 'delete'; id: string } | undefined;

  const report = (result: WorkspaceResult | { ok: true }): boolean => {
    problem.textContent = result.ok ? '' : result.problem;
    if (!result.ok) options.onProblem(result.problem);
    return result.ok;
  };

  const nameInput = (label: string, value: string, submit: (value: string) => boolean) => {
    const input = h('input', { type: 'text', class: 'file-name-input', 'aria-label': label, value, spellcheck: 'false', autocomplete: 'off' });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        if (submit(input.value)) {
          editing = undefined;
          render();
        }
      } else if (event.key === 'Escape') {
        editing = undefined;
        problem.textContent = '';
        render();
      }
    });
    queueMicrotask(() => {
      input.focus();
      // Select the name without the extension, as file managers do.
      const dot = value.lastIndexOf('.');
      input.setSelectionRange(value.lastIndexOf('/') + 1, dot > value.lastIndexOf('/') + 1 ? dot : value.length);
    });
    return input;
  };

  const fileRow = (file: WorkspaceFile, open: WorkspaceFile | undefined, entry: WorkspaceFile | undefined): HTMLLIElement => {
    const depth = file.path.split('/').length - 1;
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    const item = h('li', { class: 'file-row', style: `--depth: ${depth}`, 'data-path': file.path });
    if (editing?.kind === 'rename' && editing.id === file.id) {
      item.append(nameInput(`New name for ${file.path}`, file.path, (value) => report(workspace.rename(file.id, value))));
      return item;
    }
    if (editing?.kind === 'delete' && editing.id === file.id) {
      item.append(
        h('span', { class: 'file-confirm' }, `Delete ${name}?`),
        h('button', { type: 'button', class: 'danger small', onclick: () => ((editing = undefined), workspace.remove(file.id)) }, `Confirm delete ${file.path}`),
        h('button', { type: 'button', class: 'small', onclick: () => ((editing = undefined), render()) }, 'Cancel'),
      );
      return item;
    }
    item.append(
      h(
        'button',
        {
          type: 'button',
          class: 'file-open',
          'aria-current': file.id === open?.id ? 'true' : undefined,
          'aria-label': file.path,
          title: file.path,
          onclick: () => openFile.open(file.id),
        },
        name,
        file.id === entry?.id ? h('span', { class: 'badge', title: 'Run starts this file' }, 'run') : null,
      ),
      h('button', { type: 'button', class: 'icon small', 'aria-label': `Rename ${file.path}`, title: 'Rename', onclick: () => ((editing = { kind: 'rename', id: file.id }), render()) }, '✎'),
      h('button', { type: 'button', class: 'icon small', 'aria-label': `Delete ${file.path}`, title: 'Delete', onclick: () => ((editing = { kind: 'delete', id: file.id }), render()) }, '✕'),
    );
    return item;
  };

  const render = () => {
    const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement.getAttribute('aria-label') : null;
    const files = workspace.files();
    const open = openFile.current();
    const entry = workspace.entry();
    const rows: HTMLElement[] = [];
    let previous: string[] = [];
    for (const file of files) {
      const folders = file.path.split('/').slice(0, -1);
      // Each folder level that differs from the previous file's gets a heading row.
      let same = 0;
      while (same < folders.length && folders[same] === previous[same]) same++;
      for (let i = same; i < folders.length; i++) rows.push(h('li', { class: 'folder-row', style: `--depth: ${i}` }, `${folders[i]}/`));
      previous = folders;
      rows.push(fileRow(file, open, entry));
    }
    if (editing?.kind === 'new') {
      const item = h('li', { class: 'file-row' });
      item.append(
        nameInput('New file name', '', (value) => {
          const result = workspace.create(value);
          if (result.ok) openFile.open(result.file.id);
          return report(result);
        }),
      );
      rows.push(item);
    }
    if (files.length === 0 && editing?.kind !== 'new') rows.push(h('li', { class: 'muted file-empty' }, 'No files yet'));
    list.replaceChildren(...rows);
    entrySelect.replaceChildren(
      ...(entry ? [] : [h('option', { value: '' }, 'Choose a file')]),
      ...files.map((file) => h('option', { value: file.id }, file.path)),
    );
    entrySelect.value = entry?.id ?? '';
    if (focused) list.querySelector<HTMLElement>(`[aria-label="${CSS.escape(focused)}"]`)?.focus();
  };

  const element = h(
    'section',
    { class: 'file-panel', 'aria-label': 'Workspace files' },
    h(
      'div',
      { class: 'file-panel-head' },
      h('h2', {}, 'Files'),
      h('button', { type: 'button', class: 'small', onclick: () => ((editing = { kind: 'new' }), render()) }, 'New file'),
    ),
    list,
    problem,
    h('div', { class: 'run-entry' }, h('label', { for: 'run-entry-select' }, 'Run file'), entrySelect),
    options.footer ?? null,
  );
  store.add(workspace.onChange(render));
  store.add(openFile.onChange(render));
  render();
  return { element, dispose: () => store.dispose() };
}
