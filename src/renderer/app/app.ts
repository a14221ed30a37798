import { HostApiError, type HostApi } from '../../shared/host-api';
import { inviteCodeFromHash, inviteCodeFromInput } from '../../shared/invite-link';
import { DisposableStore, toDisposable, type Disposable } from '../../shared/lifecycle';
import { SessionClient, TerminalGrants, type Intent, type SessionClosed, type WebSocketConstructorLike } from '../../shared/session-client';
import { CollabSession } from '../collab/collab-session';
import { endedScreen } from '../screens/ended-screen';
import { homeScreen } from '../screens/home-screen';
import { sessionScreen } from '../screens/session-screen';
import { waitingScreen } from '../screens/waiting-screen';
import type { WorkspaceFileContent } from '../../shared/protocol/collab/workspace-paths';
import { loadStarter } from '../workspace/starter-workspace';
import type { View } from '../ui/dom';
import { Toasts } from '../ui/toasts';
import { INITIAL_STATE, isActive, transition, type AppEvent, type AppState } from './app-state';
import { exposeDebug } from './debug';
import type { Preferences } from './preferences';
import { forgetSession, recallDoc, recallSession, rememberDoc, rememberSession } from './session-memory';

/** If the relay never confirms the end of a session, the host is not left hanging longer than this. */
const END_CONFIRM_TIMEOUT_MS = 3000;

/** One session in progress: the connection, the host's grants and the shared document. */
export interface ActiveSession {
  client: SessionClient;
  grants: TerminalGrants;
  session: CollabSession;
  relayUrl: string;
  name: string;
  /** Listeners and timers that live as long as this session (window listeners included). */
  owned: DisposableStore;
}

/**
 * Duet's screens and the session lifecycle: Home → Connecting → (Lobby) → In session →
 * Ended, as one AppState changed only by `transition` (app-state.ts). The App carries out
 * what each change implies: the screen for the state, the session client, what the tab
 * remembers for a reload.
 */
export class App implements Disposable {
  private state: AppState = INITIAL_STATE;
  private screen: View | undefined;
  /** The waiting screen while connecting or in the lobby (its status changes in place). */
  private waiting: ReturnType<typeof waitingScreen> | undefined;
  private active: ActiveSession | undefined;
  private confirmUnload = false;
  private readonly owned = new DisposableStore();
  readonly toasts = new Toasts();

  constructor(
    private readonly root: HTMLElement,
    private readonly hostApi: HostApi | null,
    private readonly prefs: Preferences,
    /** The relay used when none is remembered (embedded relay, or the one serving the page). */
    private readonly defaultRelay: string,
  ) {
    document.body.append(this.toasts.element);
    exposeDebug(() => ({ screen: this.state.kind, active: this.active }));
    if (hostApi) this.owned.add(hostApi.onInviteLink((url) => this.openInvite(url)));
    this.owned.add(listen(window, 'hashchange', () => this.openHashInvite()));
    hostApi?.appInfo().then(
      (info) => (this.confirmUnload = info.shell === 'web'),
      (error: unknown) => console.warn('duet: no app info', error),
    );
  }

  /** Shows Home, with an invite code filled in when given. */
  home(code?: string, notice?: string): void {
    this.dispatch({ type: 'home', ...(code ? { code } : {}), ...(notice ? { notice } : {}) });
  }

  /** Home with the code of the page's `#/join/CODE`, if any (used once, then dropped from the address). */
  homeFromPage(): void {
    this.home(this.takeHashCode());
  }

  /**
   * Picks up the session this tab was in before a reload: host or guest resumes its place
   * with its token, without a new knock (a place the relay no longer holds falls back to
   * knocking with the code). False when there is none.
   */
  restore(): boolean {
    const remembered = recallSession();
    if (!remembered) return false;
    const intent: Intent = remembered.token
      ? { kind: 'resume', token: remembered.token, code: remembered.code }
      : { kind: 'join', code: remembered.code };
    this.start(intent, remembered.name, remembered.relayUrl);
    return true;
  }

  /** Handles an invite link handed over by the OS or typed into the address bar. */
  openInvite(url: string): void {
    const code = inviteCodeFromInput(url);
    if (!code) return this.toasts.show('That invite link has no valid code.', 'warn');
    if (this.active) return this.toasts.show('Leave this session first to join another.', 'warn');
    this.home(code);
  }

  /** Stops listening to the window and the host, and ends any session in progress. */
  dispose(): void {
    this.active?.client.leave();
    this.owned.dispose();
    this.screen?.dispose();
  }

  private openHashInvite(): void {
    const code = this.takeHashCode();
    if (code) this.openInvite(`#/join/${code}`);
  }

  private takeHashCode(): string | undefined {
    const code = inviteCodeFromHash(window.location.hash);
    // The code is used once; "Back to home" later should not offer a stale one.
    if (code) history.replaceState(null, '', window.location.pathname + window.location.search);
    return code;
  }

  /**
   * Starts a new session, after making sure this machine's shell is ours to use. Closing
   * whatever shell an earlier session left gives the new one a blank screen, a new process
   * and a new workspace (nothing of an interview minutes ago is the new guest's to see), and
   * where another window or tab hosts right now the shell refuses, so no invite code is
   * handed out for a session without a terminal.
   */
  private async create(name: string, relayUrl: string, starterFolder = ''): Promise<void> {
    this.rememberChoices(name, relayUrl);
    try {
      await this.hostApi?.terminal.close();
    } catch (error) {
      if (error instanceof HostApiError && error.code === 'unavailable') return this.home(undefined, error.message);
      console.warn('duet: could not close an earlier shell', error);
    }
    // Read before any code is handed out: a folder that cannot be the workspace is said at Home.
    const starter = starterFolder && this.hostApi ? await loadStarter(this.hostApi, starterFolder) : undefined;
    if (starter && !starter.ok) return this.home(undefined, `Starter folder: ${starter.problem}`);
    this.start({ kind: 'create' }, name, relayUrl, starter?.files);
  }

  /** Your name and relay are remembered for next time (the default relay as '', so it follows the app). */
  private rememberChoices(name: string, relayUrl: string): void {
    void this.prefs.save({ displayName: name, relayUrl: relayUrl === this.defaultRelay ? '' : relayUrl });
  }

  private start(intent: Intent, name: string, relayUrl: string, starterFiles?: WorkspaceFileContent[]): void {
    if (this.active) return;
    this.rememberChoices(name, relayUrl);
    const client = new SessionClient({ url: relayUrl, name, intent, WebSocket: WebSocket as unknown as WebSocketConstructorLike });
    const owned = new DisposableStore();
    const active: ActiveSession = { client, grants: new TerminalGrants(client), session: new CollabSession(client), relayUrl, name, owned };
    this.active = active;
    if (intent.kind === 'resume') recallDoc(active.session.collab.doc);
    // A new session starts with the default language's main file; a resumed one has its files.
    if (intent.kind === 'create' && starterFiles) active.session.workspace.replaceAll(starterFiles);
    if (intent.kind === 'create') active.session.workspace.seed();

    owned.add(client.on('state', (state) => state === 'reconnecting' && this.dispatch({ type: 'relay-unreachable' })));
    owned.add(client.on('lobby', () => this.dispatch({ type: 'lobby' })));
    owned.add(
      client.on('welcome', ({ session }) => {
        const role = client.isHost ? 'host' : 'guest';
        rememberSession({ role, relayUrl, token: client.currentResumeToken ?? '', code: session.code, name });
        this.dispatch({ type: 'welcome', role });
      }),
    );
    owned.add(client.on('closed', (closed) => this.closed(active, closed)));
    this.listenToThePage(active);
    this.dispatch({ type: 'start', intent });
  }

  /**
   * While a session runs, a page going away may just be reloading (a page cannot tell a
   * reload from a close): it keeps the document and its resume token, and the relay holds
   * its place for the grace period meanwhile, so the others see it reconnecting, then back.
   * A joiner still in the lobby has no place to keep: it withdraws its knock. In a browser
   * tab the host is asked before a close ends the session for everyone (not in Electron:
   * there a cancelled unload silently keeps the window open).
   */
  private listenToThePage(active: ActiveSession): void {
    const { client } = active;
    active.owned.add(
      listen(window, 'pagehide', () => {
        this.dispatch({ type: 'page-hidden' });
        if (client.state === 'open' || client.state === 'reconnecting') rememberDoc(active.session.collab.doc);
        else client.leave();
      }),
    );
    active.owned.add(listen(window, 'pageshow', () => this.dispatch({ type: 'page-shown' })));
    active.owned.add(
      listen(window, 'beforeunload', (event) => {
        if (this.confirmUnload && client.isHost && client.state === 'open') event.preventDefault();
      }),
    );
  }

  /** Host: ends the session for everyone; the relay's close brings up the final screen. */
  private end(active: ActiveSession): void {
    this.dispatch({ type: 'leave', how: 'end' });
    if (active.client.state !== 'open') return active.client.leave();
    active.client.endSession();
    const timer = window.setTimeout(() => active.client.state !== 'closed' && active.client.leave(), END_CONFIRM_TIMEOUT_MS);
    active.owned.add(() => window.clearTimeout(timer));
  }

  /** Guest leaves, or a joiner cancels: straight back home. */
  private leave(active: ActiveSession): void {
    this.dispatch({ type: 'leave', how: 'leave' });
    active.client.leave();
  }

  private closed(active: ActiveSession, closed: SessionClosed): void {
    if (this.active !== active) return;
    const state = this.state;
    if (isActive(state) && !state.pageHidden) forgetSession();
    const finalCode = active.session.workspace.asText();
    this.active = undefined;
    active.owned.dispose();
    active.grants.dispose();
    active.client.dispose();
    this.dispatch({ type: 'closed', closed, ...(finalCode ? { finalCode } : {}) });
    active.session.dispose();
  }

  private dispatch(event: AppEvent): void {
    const previous = this.state;
    const next = transition(previous, event);
    if (next === previous) return;
    this.state = next;
    this.render(previous, next);
  }

  /** Brings the screen in line with the state: a new screen when its kind changed, else an update in place. */
  private render(previous: AppState, next: AppState): void {
    if (next.kind === previous.kind && next.kind !== 'home') {
      if (next.kind === 'connecting' && next.retrying) this.waiting?.setStatus('Cannot reach the relay. Retrying…', this.active?.relayUrl);
      return;
    }
    this.show(this.screenFor(next));
  }

  private screenFor(state: AppState): View {
    this.waiting = undefined;
    const active = this.active;
    switch (state.kind) {
      case 'home':
        return homeScreen({
          canCreate: this.hostApi !== null,
          name: this.prefs.displayName,
          relayUrl: this.prefs.relayUrl || this.defaultRelay,
          defaultRelayUrl: this.defaultRelay,
          code: state.code,
          notice: state.notice,
          onCreate: ({ name, relayUrl, starterFolder }) => void this.create(name, relayUrl, starterFolder),
          onJoin: ({ name, relayUrl, code }) => this.start({ kind: 'join', code }, name, relayUrl),
        });
      case 'connecting':
        return (this.waiting = waitingScreen({
          heading: { create: 'Starting a session', join: 'Joining', resume: 'Rejoining your session' }[state.intent.kind],
          status: state.retrying ? 'Cannot reach the relay. Retrying…' : 'Connecting to the relay…',
          detail: active?.relayUrl,
          onCancel: () => active && this.leave(active),
        }));
      case 'lobby':
        return (this.waiting = waitingScreen({
          heading: 'Waiting room',
          status: 'Waiting for the host to admit you',
          detail: state.intent.kind === 'join' ? `Session ${state.intent.code}` : undefined,
          onCancel: () => active && this.leave(active),
        }));
      case 'in-session':
        if (!active) throw new Error('duet: a session screen without a session');
        return sessionScreen({
          client: active.client,
          grants: active.grants,
          session: active.session,
          hostApi: this.hostApi,
          relayUrl: active.relayUrl,
          toasts: this.toasts,
          onEnd: () => this.end(active),
          onLeave: () => this.leave(active),
        });
      case 'ended':
        return endedScreen({ notice: state.notice, finalCode: state.finalCode, onHome: () => this.home() });
    }
  }

  private show(view: View): void {
    this.screen?.dispose();
    this.screen = view;
    this.root.replaceChildren(view.element);
  }
}

/** Adds a window listener that the returned Disposable removes. */
function listen<K extends keyof WindowEventMap>(target: Window, type: K, listener: (event: WindowEventMap[K]) => void): Disposable {
  target.addEventListener(type, listener);
  return toDisposable(() => target.removeEventListener(type, listener));
}
