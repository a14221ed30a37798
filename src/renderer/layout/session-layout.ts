import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { rememberLayout, rememberedLayout } from '../app/preferences';
import { h } from '../ui/dom';
import { paneSeparator } from './pane-separator';
import './layout.css';

/** The session screen's parts the layout shapes, found by their classes. */
interface SessionLayoutParts {
  /** `.workspace`: editor above, terminal below. */
  workspace: HTMLElement;
  editorArea: HTMLElement;
  terminalArea: HTMLElement;
  sidebar: HTMLElement;
}

function partsOf(screen: HTMLElement): SessionLayoutParts {
  const part = (selector: string): HTMLElement => {
    const found = screen.querySelector<HTMLElement>(selector);
    if (!found) throw new Error(`duet: the session screen has no ${selector}`);
    return found;
  };
  return { workspace: part('.workspace'), editorArea: part('.editor-area'), terminalArea: part('.terminal-area'), sidebar: part('.sidebar') };
}

/** The editor's share of the workspace height, in percent, when nobody chose one. */
export const DEFAULT_EDITOR_PERCENT = 68;
export const MIN_EDITOR_PERCENT = 15;
export const MAX_EDITOR_PERCENT = 85;
export const DEFAULT_SIDEBAR_WIDTH = 320;
export const MIN_SIDEBAR_WIDTH = 200;
export const MAX_SIDEBAR_WIDTH = 640;

/**
 * Makes the session screen's panes resizable: a separator between editor and terminal, one
 * on the sidebar's edge (both by pointer and arrow keys, remembered in this browser), and a
 * button that maximises the terminal over the editor and restores it. `screen` is the
 * `.screen.session` grid of top bar, workspace and sidebar.
 */
export function sessionLayout(screen: HTMLElement): Disposable {
  const { workspace, editorArea, terminalArea, sidebar } = partsOf(screen);
  const store = new DisposableStore();
  const remembered = rememberedLayout();
  editorArea.id ||= 'editor-area';
  terminalArea.id ||= 'terminal-area';
  sidebar.id ||= 'session-sidebar';

  const showSplit = (percent: number) => {
    workspace.style.setProperty('--editor-fr', `${percent}fr`);
    workspace.style.setProperty('--terminal-fr', `${100 - percent}fr`);
  };
  const split = store.add(
    paneSeparator({
      label: 'Resize editor and terminal',
      orientation: 'horizontal',
      controls: editorArea.id,
      min: MIN_EDITOR_PERCENT,
      max: MAX_EDITOR_PERCENT,
      step: 5,
      value: remembered.editorPercent ?? DEFAULT_EDITOR_PERCENT,
      growKey: 'ArrowDown',
      valueText: (percent) => `Editor ${percent}%, terminal ${100 - percent}%`,
      valueAt: ({ y }) => {
        const top = editorArea.getBoundingClientRect().top;
        const panes = editorArea.getBoundingClientRect().height + terminalArea.getBoundingClientRect().height;
        return panes > 0 ? ((y - top) / panes) * 100 : DEFAULT_EDITOR_PERCENT;
      },
      onChange: showSplit,
      onCommit: (editorPercent) => rememberLayout({ editorPercent }),
    }),
  );
  showSplit(split.value);

  let maximised = false;
  const maximise = h('button', { type: 'button', class: 'terminal-maximise', 'aria-controls': terminalArea.id });
  const showMaximised = () => {
    workspace.classList.toggle('terminal-maximised', maximised);
    maximise.textContent = maximised ? 'Restore terminal' : 'Maximise terminal';
    maximise.title = maximised ? 'Show the editor again' : 'Give the terminal the editor’s space too';
    split.setDisabled(maximised);
  };
  const toggleMaximised = () => {
    maximised = !maximised;
    showMaximised();
  };
  maximise.addEventListener('click', toggleMaximised);
  store.add(() => maximise.removeEventListener('click', toggleMaximised));
  showMaximised();

  const bar = h('div', { class: 'split-bar' }, split.element, maximise);
  editorArea.after(bar);
  store.add(() => bar.remove());

  const root = document.documentElement;
  const showSidebar = (width: number) => root.style.setProperty('--sidebar-width', `${width}px`);
  const side = store.add(
    paneSeparator({
      label: 'Resize sidebar',
      orientation: 'vertical',
      controls: sidebar.id,
      min: MIN_SIDEBAR_WIDTH,
      max: MAX_SIDEBAR_WIDTH,
      step: 20,
      value: remembered.sidebarWidth ?? stylesheetSidebarWidth(),
      // The sidebar is on the right: moving its edge left widens it.
      growKey: 'ArrowLeft',
      valueText: (width) => `Sidebar ${width} pixels wide`,
      valueAt: ({ x }) => screen.getBoundingClientRect().right - x,
      onChange: showSidebar,
      onCommit: (sidebarWidth) => rememberLayout({ sidebarWidth }),
    }),
  );
  // Until someone resizes it, the stylesheet's width (narrower on small windows) stands.
  if (remembered.sidebarWidth !== undefined) showSidebar(side.value);
  sidebar.prepend(side.element);
  store.add(() => root.style.removeProperty('--sidebar-width'));

  return store;
}

/** The sidebar width app.css gives this window (the screen may not be in the document yet). */
function stylesheetSidebarWidth(): number {
  const width = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--sidebar-width'));
  return Number.isFinite(width) && width > 0 ? width : DEFAULT_SIDEBAR_WIDTH;
}
