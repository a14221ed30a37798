import { DisposableStore } from '../../shared/lifecycle';
import { h, type View } from '../ui/dom';
import type { OpenFile } from './open-file';
import type { SharedWorkspace } from './shared-workspace';

/**
 * This member's tabs: every file they opened, in the order they opened it, until they close
 * it (or someone deletes the file). The selected tab is the open file. Tabs are this page's
 * own: others' tabs are not shared.
 */
export function fileTabs(workspace: SharedWorkspace, openFile: OpenFile): View {
  const store = new DisposableStore();
  const list = h('div', { class: 'file-tabs', role: 'tablist', 'aria-label': 'Open files' });
  const tabs: string[] = [];

  const close = (id: string) => {
    const index = tabs.indexOf(id);
    if (index === -1) return;
    tabs.splice(index, 1);
    if (openFile.current()?.id === id) {
      const next = tabs[Math.min(index, tabs.length - 1)];
      if (next) openFile.open(next);
    }
    render();
  };

  const render = () => {
    for (let i = tabs.length - 1; i >= 0; i--) if (!workspace.byId(tabs[i])) tabs.splice(i, 1);
    const open = openFile.current();
    if (open && !tabs.includes(open.id)) tabs.push(open.id);
    list.replaceChildren(
      ...tabs.map((id) => {
        const file = workspace.byId(id)!;
        const selected = file.id === open?.id;
        return h(
          'div',
          { class: 'file-tab', 'data-selected': selected ? 'true' : 'false' },
          h('button', { type: 'button', role: 'tab', 'aria-selected': selected ? 'true' : 'false', title: file.path, onclick: () => openFile.open(id) }, file.path),
          h('button', { type: 'button', class: 'icon', 'aria-label': `Close ${file.path}`, title: 'Close tab', onclick: () => close(id) }, '×'),
        );
      }),
    );
  };
  store.add(workspace.onChange(render));
  store.add(openFile.onChange(render));
  render();
  return { element: list, dispose: () => store.dispose() };
}
