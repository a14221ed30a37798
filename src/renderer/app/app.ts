import { HostApiError, type HostApi } from '../../shared/host-api';
import { SessionClient, TerminalGrants, type Intent, type SessionClosed, type WebSocketConstructorLike } from '../../shared/session-client';
import { CollabSession } from '../collab/collab-session';
import { endedScreen } from '../screens/ended-screen';
import { homeScreen } from '../screens/home-screen';
import { sessionScreen } from '../screens/session-screen';
import { waitingScreen } from '../screens/waiting-screen';
import type { View } from '../ui/dom';
import { Toasts } from '../ui/toasts';
import { endNoticeFor } from './close-messages';
import { exposeDebug } from './debug';
import { inviteCodeFromInput } from '../../shared/invite-link';
import type { Preferences } from './preferences';
import { forgetSession, recallDoc, recallSession, rememberDoc, rememberSession } from './session-memory';

/** One session in progress: the connection and the shared document. */
export interface ActiveSession {
  client: SessionClient;
  grants: TerminalGrants;
  session: CollabSession;
  relayUrl: string;
  /** Set when we are the ones ending or leaving, so the close is expected. */
  leaving?: 'end' | 'leave';
  endedBy?: 'host-ended' | 'host-gone';
  wasHost: boolean;
}

/**
 * Duet's screens and the session lifecycle: Home → (connecting / waiting room) →
 * Session → Session ended. One screen at a time; each is disposed when replaced.
 */
export class App {
  private screen: View | undefined;
  private screenName = 'home';
  private active: ActiveSession | undefined;
  private confirmUnload = false;
  /** Set while the page goes away: a guest's leave then must not forget the session (reload). */
  private unloading = false;
  readonly toasts = new Toasts();

  constructor(
    private readonly root: HTMLElement,
    private readonly hostApi: HostApi | null,
    private readonly prefs: Preferences,
    /** The relay used when none is remembered (embedded relay, or the one serving the page). */
    private readonly defaultRelay: string,
  ) {
    document.body.append(this.toasts.element);
    exposeDebug(() => ({ screen: this.screenName, active: this.active }));
    hostApi?.onInviteLink((url) => this.openInvite(url));
    // A guest closing the page is leaving: the others see "left" at once instead of after the
    // grace period. The host's page may just be reloading: it keeps the document and its
    // resume token, and the relay holds the session for the grace period meanwhile.
    window.addEventListener('pagehide', () => {
      const active = this.active;
      if (!active) return;
      this.unloading = true;
      if (active.client.isHost && active.client.state !== 'closed') rememberDoc(active.session.collab.doc);
      else active.client.leave();
    });
    window.addEventListener('pageshow', () => (this.unloading = false));
    // In a browser tab, ask before the host's close ends the session for everyone. Not in
    // Electron: there a cancelled unload silently keeps the window open instead of asking.
    window.addEventListener('beforeunload', (event) => {
      if (this.confirmUnload && this.active?.client.isHost && this.active.client.state === 'open') event.preventDefault();
    });
    hostApi?.appInfo().then(
      (info) => (this.confirmUnload = info.shell === 'web'),
      (error: unknown) => console.warn('duet: no app info', error),
    );
  }

  /** Shows Home, with an invite code filled in when given. */
  home(code?: string, notice?: string): void {
    this.show(
      'home',
      homeScreen({
        canCreate: this.hostApi !== null,
        name: this.prefs.displayName,
        relayUrl: this.prefs.relayUrl || this.defaultRelay,
        defaultRelayUrl: this.defaultRelay,
        code,
        notice,
        onCreate: ({ name, relayUrl }) => void this.create(name, relayUrl),
        onJoin: ({ name, relayUrl, code: joinCode }) => this.start({ kind: 'join', code: joinCode }, name, relayUrl),
      }),
    );
  }

  /**
   * Picks up the session this tab was in before a reload: the host resumes its place; a
   * guest knocks again (the host admits it as before). False when there is none.
   */
  restore(): boolean {
    const remembered = recallSession();
    if (!remembered) return false;
    const intent: Intent =
      remembered.role === 'host'
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

  /**
   * Starts a new session, after making sure this machine's shell is ours to use. Closing
   * whatever shell an earlier session left gives the new one a blank screen, a new process
   * and a new workspace (nothing of an interview minutes ago is the new guest's to see), and
   * where another window or tab hosts right now the shell refuses, so no invite code is
   * handed out for a session without a terminal.
   */
  private async create(name: string, relayUrl: string): Promise<void> {
    this.rememberChoices(name, relayUrl);
    try {
      await this.hostApi?.terminal.close();
    } catch (error) {
      if (error instanceof HostApiError && error.code === 'unavailable') return this.home(undefined, error.message);
      console.warn('duet: could not close an earlier shell', error);
    }
    this.start({ kind: 'create' }, name, relayUrl);
  }

  /** Your name and relay are remembered for next time (the default relay as '', so it follows the app). */
  private rememberChoices(name: string, relayUrl: string): void {
    void this.prefs.save({ displayName: name, relayUrl: relayUrl === this.defaultRelay ? '' : relayUrl });
  }

  private start(intent: Intent, name: string, relayUrl: string): void {
    this.rememberChoices(name, relayUrl);
    const client = new SessionClient({ url: relayUrl, name, intent, WebSocket: WebSocket as unknown as WebSocketConstructorLike });
    const active: ActiveSession = { client, grants: new TerminalGrants(client), session: new CollabSession(client), relayUrl, wasHost: intent.kind !== 'join' };
    this.active = active;
    if (intent.kind === 'resume') recallDoc(active.session.collab.doc);

    const waiting = waitingScreen({
      heading: { create: 'Starting a session', join: 'Joining', resume: 'Rejoining your session' }[intent.kind],
      status: 'Connecting to the relay…',
      detail: relayUrl,
      onCancel: () => this.leave(active),
    });
    this.show('connecting', waiting);

    client.on('state', (state) => {
      if (state === 'reconnecting' && this.screen === waiting) {
        waiting.setStatus('Cannot reach the relay. Retrying…', relayUrl);
      }
    });
    client.on('lobby', () => {
      const lobby = waitingScreen({
        heading: 'Waiting room',
        status: 'Waiting for the host to admit you',
        detail: intent.kind === 'join' ? `Session ${intent.code}` : undefined,
        onCancel: () => this.leave(active),
      });
      this.show('lobby', lobby);
    });
    client.on('welcome', ({ session }) => {
      const token = client.isHost ? (client.currentResumeToken ?? '') : '';
      rememberSession({ role: client.isHost ? 'host' : 'guest', relayUrl, token, code: session.code, name });
      if (this.screenName === 'session') return; // a resume: the screen stays, the provider resyncs
      active.wasHost = client.isHost;
      this.show(
        'session',
        sessionScreen({
          client,
          grants: active.grants,
          session: active.session,
          hostApi: this.hostApi,
          relayUrl,
          toasts: this.toasts,
          onEnd: () => this.end(active),
          onLeave: () => this.leave(active),
        }),
      );
    });
    client.on('session-ended', (reason) => (active.endedBy = reason));
    client.on('closed', (closed) => this.closed(active, closed));
  }

  /** Host: ends the session for everyone; the relay's close brings up the final screen. */
  private end(active: ActiveSession): void {
    active.leaving = 'end';
    if (active.client.state === 'open') {
      active.client.endSession();
      // If the relay never confirms, do not leave the host hanging.
      window.setTimeout(() => active.client.state !== 'closed' && active.client.leave(), 3000);
    } else {
      active.client.leave();
    }
  }

  /** Guest leaves, or a joiner cancels: straight back home. */
  private leave(active: ActiveSession): void {
    active.leaving = 'leave';
    active.client.leave();
  }

  private closed(active: ActiveSession, closed: SessionClosed): void {
    if (this.active !== active) return;
    this.active = undefined;
    if (!this.unloading) forgetSession();
    const finalCode = active.session.collab.code.toString();
    active.grants.dispose();
    active.client.dispose();
    if (active.leaving === 'leave') {
      this.home();
      active.session.dispose();
      return;
    }
    const notice = endNoticeFor(active.leaving === 'end' ? 'session-ended' : closed.reason, active.endedBy, active.wasHost && active.leaving === 'end');
    this.show('ended', endedScreen({ notice, finalCode: finalCode || undefined, onHome: () => this.home() }));
    active.session.dispose();
  }

  private show(name: string, view: View): void {
    this.screen?.dispose();
    this.screen = view;
    this.screenName = name;
    this.root.replaceChildren(view.element);
  }
}
