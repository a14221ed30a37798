import type { TerminalExit } from '../../shared/host-api';
import { DisposableStore } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import { encodeTerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import { createRunControls, type RunControlsContext } from '../run';
import { h } from '../ui/dom';
import { keepGuestScreenInView } from './guest-screen-fit';
import { linkGuestTerminal } from './guest-terminal-link';
import { linkHostTerminal } from './host-terminal-link';
import { createPermissionPrompts } from './permission-prompts';
import { createTerminalAccess } from './terminal-access';
import { installTabFocusToggle } from './tab-focus-toggle';
import { installTerminalDebug } from './terminal-debug';
import { createTerminalView } from './terminal-view';
import { createTypingIndicator } from './typing-indicator';
import './terminal.css';

export { presetAvailability, type PresetAvailability } from '../run';

/** What the panel needs: what its Run controls need (client, grants, host services, the document). */
export type TerminalPanelContext = RunControlsContext;

/** The mounted panel. */
export interface TerminalPanel {
  /** Runs the shared document as Ctrl/Cmd+Enter would; false when this member may not. */
  runNow(): boolean;
  dispose(): void;
}

/**
 * Mounts the shared terminal with its Run controls into `container` (the session
 * screen's `#terminal`). On the host it drives the pty through HostApi and streams it to
 * everyone; on a guest it follows that stream at the host's size, read-only until the
 * host grants terminal input.
 */
export function mountTerminalPanel(container: HTMLElement, ctx: TerminalPanelContext): TerminalPanel {
  const { client } = ctx;
  const hostApi = client.isHost ? ctx.hostApi : null;
  const nameOf = (memberId: number) => client.members.get(memberId)?.name;

  const run = createRunControls({ ...ctx, hostApi });
  // Your own keystrokes read "You are typing…", not your name.
  const typing = createTypingIndicator((memberId) => (memberId === client.me?.id ? 'You' : nameOf(memberId)));
  const notice = h('div', { class: 'terminal-notice', role: 'status', 'aria-label': 'Terminal notices' });
  const bar = h('div', { class: 'terminal-bar' }, run.element, typing.element);
  const screen = h('div', { class: 'terminal-screen' });
  // A guest's screen has the host's size: it sits in a scroll box and is scaled to fit.
  const sizer = h('div', { class: 'terminal-sizer' }, screen);
  const scroller = h('div', { class: 'terminal-scroller' }, sizer);
  const viewport = h('div', { class: hostApi ? 'terminal-viewport' : 'terminal-viewport terminal-viewport-guest' }, hostApi ? screen : scroller);
  const panel = h('div', { class: 'terminal-panel' }, bar, notice, viewport);
  container.append(panel);

  const view = createTerminalView(screen, { fit: hostApi !== null, label: hostApi ? 'Terminal' : 'Terminal (host’s shell)' });
  // Released newest first: the links and listeners below, then the run controls, the
  // typing indicator, the view, and last the panel's elements.
  const store = new DisposableStore();
  store.add(() => panel.remove());
  store.add(view);
  store.add(typing);
  store.add(run);
  store.add(installTerminalDebug(view));
  bar.append(installTabFocusToggle(view.term).element);

  if (hostApi) {
    const prompts = createPermissionPrompts(
      (memberId) => ctx.grants.set(memberId, true),
      (memberId) => client.send(CHANNELS.terminalSync, encodeTerminalMessage({ kind: 'request-declined' }), memberId),
    );
    panel.insertBefore(prompts.element, notice);
    const showExit = (exit: TerminalExit, restart: () => Promise<void>) => {
      const button = h('button', { type: 'button', onclick: () => void restart().then(() => notice.replaceChildren()) }, 'Restart shell');
      notice.replaceChildren(h('span', {}, `The shell exited (code ${exit.exitCode}).`), button);
    };
    const terminal = hostApi.terminal;
    // The panel goes away when the session is over: so do the shell and everything it started.
    store.add(() => void terminal.close().catch((error: unknown) => console.warn('duet terminal: cannot close the shell', error)));
    store.add(
      linkHostTerminal({
      client,
      grants: ctx.grants,
      terminal: hostApi.terminal,
      view,
      viewport,
      typing,
      onProblem: (message) => notice.replaceChildren(h('span', { class: 'terminal-problem' }, message)),
      onShellExit: showExit,
      }),
    );
    store.add(client.on('permission-requested', (member) => prompts.ask(member)));
    store.add(
      client.on('permissions-changed', (member) => {
        if (member.permissions.terminalInput) prompts.drop(member.id);
      }),
    );
    store.add(client.on('member-left', ({ memberId }) => prompts.drop(memberId)));
    store.add(prompts);
  } else {
    const access = createTerminalAccess(() => client.requestPermission());
    bar.append(access.element);
    store.add(keepGuestScreenInView({ scroller, sizer, screen }, view.term));
    store.add(
      linkGuestTerminal({
      client,
      view,
      typing,
      access,
      onShellState: (exitCode) =>
        notice.replaceChildren(...(exitCode === undefined ? [] : [h('span', {}, `The host’s shell exited (code ${exitCode}). The host can restart it.`)])),
      }),
    );
    store.add(access);
  }

  return {
    runNow: () => run.runNow(),
    dispose: () => store.dispose(),
  };
}
