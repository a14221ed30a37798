import type { HostApi } from '../../shared/host-api';
import { clockView } from '../clock/clock-view';
import { SessionClock } from '../clock/session-clock';
import { DisposableStore } from '../../shared/lifecycle';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { createCodeEditor, type CodeEditor } from '../collab/code-editor';
import { FollowMode } from '../follow/follow-mode';
import { FollowRequests } from '../follow/follow-request';
import { sessionLayout } from '../layout/session-layout';
import type { CollabSession } from '../collab/collab-session';
import { memberColor } from '../collab/member-colors';
import { RemoteCursorLabelPlacement } from '../collab/remote-cursor-label-placement';
import { RemoteCursorStyles } from '../collab/remote-cursor-styles';
import { chatPanel } from '../session/chat-panel';
import { connectionStatus } from '../session/connection-status';
import { endSessionDialog } from '../session/end-session-dialog';
import { invitePanel } from '../session/invite-panel';
import { knockPanel } from '../session/knock-panel';
import { languagePicker } from '../session/language-picker';
import { participantList } from '../session/participant-list';
import { presenceToasts } from '../session/presence-toasts';
import { mountTerminal } from '../session/terminal-slot';
import { h, type View } from '../ui/dom';
import type { Toasts } from '../ui/toasts';
import { workspaceRunSource, workspaceRunnable } from '../workspace/workspace-run';
import { mountWorkspace } from '../workspace/workspace-mount';

export interface SessionScreenOptions {
  client: SessionClient;
  /** The host's record of terminal-input grants (inert for a guest). */
  grants: TerminalGrants;
  session: CollabSession;
  hostApi: HostApi | null;
  relayUrl: string;
  toasts: Toasts;
  /** Host: end the session for everyone. */
  onEnd(): void;
  /** Guest: leave the session. */
  onLeave(): void;
}

/**
 * The session: editor with language picker, the reserved terminal area, people (with
 * the host's waiting room and controls), chat, invite code, connection status.
 */
export function sessionScreen(options: SessionScreenOptions): View & { editor: CodeEditor } {
  const { client, session, toasts } = options;
  // Released newest first: the terminal, listeners and editor, then the panels, then the screen's elements.
  const store = new DisposableStore();
  store.add(() => element.remove());
  const use = <V extends View>(view: V): V => store.add(view);

  const editorHost = h('div', { class: 'editor-host' });
  const problem = (message: string) => toasts.show(message, 'warn');
  const files = store.add(mountWorkspace({ session, hostApi: client.isHost ? options.hostApi : null, isHost: client.isHost, toasts }));
  // A follower opens the file the followed member has open.
  const follow = store.add(
    new FollowMode(client, session.presence, session.provider.awareness, toasts, {
      currentFile: () => session.openFile.current()?.path,
      openFile: (path) => {
        const file = session.workspace.byPath(path);
        if (file !== undefined) session.openFile.open(file.id);
      },
    }),
  );
  const followRequests = store.add(new FollowRequests(client, session.presence, session.provider.awareness, follow));
  const terminalMount = h('div', { id: 'terminal' });
  const endOrLeave = client.isHost
    ? use(endSessionDialog(options.onEnd))
    : { element: h('button', { type: 'button', class: 'danger', onclick: () => options.onLeave() }, 'Leave'), dispose: () => undefined };

  const element = h(
    'div',
    { class: 'screen session' },
    h(
      'header',
      { class: 'topbar' },
      h('span', { class: 'brand' }, 'Duet'),
      use(invitePanel(client.session?.code ?? '', options.relayUrl, toasts)).element,
      h('span', { class: 'spacer' }),
      use(clockView({ clock: new SessionClock(session.collab.meta), client, toasts })).element,
      use(connectionStatus(client)).element,
      endOrLeave.element,
    ),
    // Before the editor and terminal in the DOM (the grid places it on the side): both keep Tab
    // for themselves, so the waiting room, people and chat must come first in the Tab order.
    h(
      'aside',
      { class: 'sidebar', 'aria-label': 'Session' },
      client.isHost ? use(knockPanel(client)).element : null,
      use(participantList(client, options.grants, session.presence, (position) => editor.reveal(position), { mode: follow, requests: followRequests })).element,
      use(chatPanel(session.collab, () => ({ name: client.me?.name ?? '', memberId: client.me?.id ?? 0, color: memberColor(client.me?.id ?? 0) }))).element,
    ),
    h(
      'main',
      { class: 'workspace' },
      h(
        'section',
        { class: 'editor-area', 'aria-label': 'Editor' },
        h(
          'div',
          { class: 'editor-toolbar' },
          use(languagePicker(session.collab, client.isHost ? options.hostApi : null, files.language)).element,
          h('span', { class: 'spacer' }),
          // Tab indents inside Monaco; keyboard users need the way out.
          h('span', { class: 'muted hint' }, 'Ctrl+M: Tab moves focus'),
        ),
        files.tabs,
        h('div', { class: 'editor-body' }, files.tree, editorHost),
      ),
      h('section', { class: 'terminal-area', 'aria-label': 'Terminal' }, terminalMount),
    ),
  );

  store.add(sessionLayout(element));
  const editor = store.add(
    createCodeEditor(editorHost, { workspace: session.workspace, openFile: session.openFile, awareness: session.provider.awareness, onProblem: problem }),
  );
  store.add(follow.attach(editor.editor));
  const cursorStyles = store.add(new RemoteCursorStyles());
  store.add(new RemoteCursorLabelPlacement(editor.editor, session.presence));
  const paintCursors = () =>
    cursorStyles.update(
      session.presence.peers().map((peer) => ({ clientId: peer.clientId, name: peer.user.name, color: memberColor(peer.memberId) })),
    );
  // Colours follow the member roster, names follow awareness: repaint on either.
  store.add(session.presence.onChange(paintCursors));
  store.add(client.on('members', paintCursors));
  paintCursors();
  store.add(presenceToasts(client, toasts));
  store.add(
    mountTerminal({
      mount: terminalMount,
      client,
      grants: options.grants,
      hostApi: options.hostApi,
      getSource: () => workspaceRunSource(session.workspace),
      runnable: workspaceRunnable(session.workspace, session.collab),
    }),
  );
  queueMicrotask(() => editor.focus());

  return {
    element,
    editor,
    dispose: () => store.dispose(),
  };
}
