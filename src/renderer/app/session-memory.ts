import * as Y from 'yjs';

/**
 * What this tab remembers about the session it is in, in sessionStorage (per tab, gone
 * when the tab closes), so a reload picks it back up: host and guest alike resume with
 * their token (the others see them reconnecting, then back; a guest does not knock again),
 * with the document as it was, so even a host alone loses nothing.
 */
export interface RememberedSession {
  role: 'host' | 'guest';
  relayUrl: string;
  /** The resume token of the latest welcome (tokens may be reissued). */
  token: string;
  code: string;
  name: string;
}

const SESSION_KEY = 'duet.hosted-session';
const DOC_KEY = 'duet.hosted-doc';

/** Remembers the session (call on every welcome: tokens may be reissued). */
export function rememberSession(session: RememberedSession): void {
  write(SESSION_KEY, JSON.stringify(session));
}

/** Keeps the document's full state for a reload. */
export function rememberDoc(doc: Y.Doc): void {
  const update = Y.encodeStateAsUpdate(doc);
  let binary = '';
  for (let i = 0; i < update.length; i += 0x8000) binary += String.fromCharCode(...update.subarray(i, i + 0x8000));
  write(DOC_KEY, btoa(binary));
}

/** The session this tab was in before a reload, if any. */
export function recallSession(): RememberedSession | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const s = value as Record<string, unknown>;
    if ([s.relayUrl, s.token, s.code, s.name].some((field) => typeof field !== 'string')) return undefined;
    if (s.role !== 'host' && s.role !== 'guest') return undefined;
    return value as RememberedSession;
  } catch (error) {
    console.warn('duet: ignoring an unreadable remembered session', error);
    return undefined;
  }
}

/** Applies the remembered document state to `doc` (merged like any other update). */
export function recallDoc(doc: Y.Doc): void {
  const stored = sessionStorage.getItem(DOC_KEY);
  if (!stored) return;
  try {
    Y.applyUpdate(doc, Uint8Array.from(atob(stored), (ch) => ch.charCodeAt(0)));
  } catch (error) {
    console.warn('duet: ignoring an unreadable remembered document', error);
  }
}

/** Forgets the session (it ended, or we left on purpose). */
export function forgetSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(DOC_KEY);
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch (error) {
    // Storage full or disabled: a reload will then start from Home, nothing else breaks.
    console.warn('duet: could not remember the session for a reload', error);
  }
}
