import type { Intent, SessionClosed } from '../../shared/session-client';
import { endNoticeFor, type EndNotice } from './close-messages';

/** How this member is on its way out, once it is. */
export type Leaving =
  /** The host ends the session for everyone: the relay's close brings up the final screen. */
  | 'end'
  /** A guest leaves, or a joiner cancels: straight back home. */
  | 'leave';

/** The parts every state with a session in progress has. */
interface Active {
  /** What the session was started with (its invite code, for the lobby). */
  intent: Intent;
  leaving?: Leaving;
  /**
   * The page is going away (pagehide, until a pageshow brings it back): the session stays
   * remembered for the reload, whatever ends it meanwhile.
   */
  pageHidden?: boolean;
}

/** Which screen the app shows, with everything that decides what it says. */
export type AppState =
  | { kind: 'home'; code?: string; notice?: string }
  | (Active & { kind: 'connecting'; retrying: boolean })
  | (Active & { kind: 'lobby' })
  | (Active & { kind: 'in-session'; role: 'host' | 'guest' })
  | { kind: 'ended'; notice: EndNotice; finalCode?: string };

export type ActiveState = Extract<AppState, { intent: Intent }>;

/** What happens to the app: the person's choices, the session client's events, the page's. */
export type AppEvent =
  | { type: 'home'; code?: string; notice?: string }
  | { type: 'start'; intent: Intent }
  | { type: 'relay-unreachable' }
  | { type: 'lobby' }
  | { type: 'welcome'; role: 'host' | 'guest' }
  | { type: 'leave'; how: Leaving }
  | { type: 'page-hidden' }
  | { type: 'page-shown' }
  | { type: 'closed'; closed: SessionClosed; finalCode?: string };

/** The state the app starts in. */
export const INITIAL_STATE: AppState = { kind: 'home' };

/** Whether a session is in progress (a client exists) in `state`. */
export function isActive(state: AppState): state is ActiveState {
  return state.kind === 'connecting' || state.kind === 'lobby' || state.kind === 'in-session';
}

/**
 * The app's one transition function: the next state for an event, or the same state object
 * when the event means nothing there (e.g. Home asked for while a session runs). Pure: the
 * App carries out what a change implies (screens, the client, what is remembered).
 */
export function transition(state: AppState, event: AppEvent): AppState {
  switch (event.type) {
    case 'home':
      if (isActive(state)) return state;
      return { kind: 'home', ...(event.code ? { code: event.code } : {}), ...(event.notice ? { notice: event.notice } : {}) };
    case 'start':
      if (isActive(state)) return state;
      return { kind: 'connecting', intent: event.intent, retrying: false };
    case 'relay-unreachable':
      return state.kind === 'connecting' && !state.retrying ? { ...state, retrying: true } : state;
    case 'lobby':
      // Also from a session: a guest whose place expired knocks again.
      return isActive(state) ? { ...activePart(state), kind: 'lobby' } : state;
    case 'welcome':
      if (state.kind === 'connecting' || state.kind === 'lobby') return { ...activePart(state), kind: 'in-session', role: event.role };
      return state; // a resume: the session screen stays
    case 'leave':
      return isActive(state) ? { ...state, leaving: event.how } : state;
    case 'page-hidden':
      return isActive(state) && !state.pageHidden ? { ...state, pageHidden: true } : state;
    case 'page-shown':
      return isActive(state) && state.pageHidden ? { ...state, pageHidden: false } : state;
    case 'closed':
      if (!isActive(state)) return state;
      if (state.leaving === 'leave') return { kind: 'home' };
      return { kind: 'ended', notice: endNotice(state, event.closed), ...(event.finalCode ? { finalCode: event.finalCode } : {}) };
  }
}

/** The final screen's words: a host that ended the session is told so, whatever the relay's close said. */
function endNotice(state: ActiveState, closed: SessionClosed): EndNotice {
  if (state.leaving === 'end') return endNoticeFor('session-ended', undefined, wasHost(state));
  return endNoticeFor(closed.reason, closed.reason === 'session-ended' ? closed.endedBy : undefined);
}

function wasHost(state: ActiveState): boolean {
  return state.kind === 'in-session' ? state.role === 'host' : state.intent.kind !== 'join';
}

function activePart(state: ActiveState): Active {
  return { intent: state.intent, ...(state.leaving ? { leaving: state.leaving } : {}), ...(state.pageHidden ? { pageHidden: true } : {}) };
}
