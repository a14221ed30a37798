import { describe, expect, it } from 'vitest';
import { INITIAL_STATE, transition, type AppEvent, type AppState } from '../../../src/renderer/app/app-state';
import type { SessionClosed } from '../../../src/shared/session-client';

/** Plays events from `state` and returns where they lead. */
function play(state: AppState, ...events: AppEvent[]): AppState {
  return events.reduce(transition, state);
}

const join = { type: 'start', intent: { kind: 'join', code: 'ABCD-EFGH-JKMN' } } as const;
const create = { type: 'start', intent: { kind: 'create' } } as const;
const closed = (value: SessionClosed, finalCode?: string): AppEvent => ({ type: 'closed', closed: value, ...(finalCode ? { finalCode } : {}) });

describe('app state: the screens and how they follow each other', () => {
  it('goes Home → Connecting → Lobby → In session for a joiner, showing the code in the lobby', () => {
    const connecting = play(INITIAL_STATE, join);
    expect(connecting).toMatchObject({ kind: 'connecting', retrying: false });
    expect(play(connecting, { type: 'relay-unreachable' })).toMatchObject({ kind: 'connecting', retrying: true });
    const lobby = play(connecting, { type: 'lobby' });
    expect(lobby).toMatchObject({ kind: 'lobby', intent: { code: 'ABCD-EFGH-JKMN' } });
    expect(play(lobby, { type: 'welcome', role: 'guest' })).toMatchObject({ kind: 'in-session', role: 'guest' });
  });

  it('keeps the session screen on a resume, goes back to the lobby when the guest must knock again', () => {
    const inSession = play(INITIAL_STATE, join, { type: 'welcome', role: 'guest' });
    expect(transition(inSession, { type: 'welcome', role: 'guest' })).toBe(inSession);
    expect(transition(inSession, { type: 'relay-unreachable' })).toBe(inSession);
    expect(play(inSession, { type: 'lobby' })).toMatchObject({ kind: 'lobby' });
  });

  it('a guest who leaves, or a joiner who cancels, goes straight home', () => {
    const inSession = play(INITIAL_STATE, join, { type: 'welcome', role: 'guest' });
    expect(play(inSession, { type: 'leave', how: 'leave' }, closed({ reason: 'left', code: 1000 }))).toEqual({ kind: 'home' });
    const lobby = play(INITIAL_STATE, join, { type: 'lobby' });
    expect(play(lobby, { type: 'leave', how: 'leave' }, closed({ reason: 'left', code: 1000 }))).toEqual({ kind: 'home' });
  });

  it('a host who ends the session is told it ended for everyone, with the last code to copy', () => {
    const hosting = play(INITIAL_STATE, create, { type: 'welcome', role: 'host' });
    const ended = play(hosting, { type: 'leave', how: 'end' }, closed({ reason: 'session-ended', code: 4007, endedBy: 'host-ended' }, 'print(1)'));
    expect(ended).toEqual({ kind: 'ended', notice: { heading: 'Session ended', message: 'You ended the session for everyone.' }, finalCode: 'print(1)' });
    // Also when the relay never confirmed and the client left on its own after the timeout.
    expect(play(hosting, { type: 'leave', how: 'end' }, closed({ reason: 'left', code: 1000 }))).toMatchObject({
      notice: { message: 'You ended the session for everyone.' },
    });
  });

  it('a guest is told why the session ended for it', () => {
    const inSession = play(INITIAL_STATE, join, { type: 'welcome', role: 'guest' });
    expect(play(inSession, closed({ reason: 'session-ended', code: 4007, endedBy: 'host-gone' }))).toMatchObject({
      kind: 'ended',
      notice: { message: 'The host left and did not come back.' },
    });
    expect(play(inSession, closed({ reason: 'removed', code: 4006 }))).toMatchObject({ notice: { heading: 'Removed from the session' } });
    expect(play(INITIAL_STATE, join, { type: 'lobby' }, closed({ reason: 'denied', code: 4005 }))).toMatchObject({ notice: { heading: 'Not admitted' } });
  });

  it('remembers that the page is going away until it is shown again', () => {
    const inSession = play(INITIAL_STATE, create, { type: 'welcome', role: 'host' });
    const hidden = play(inSession, { type: 'page-hidden' });
    expect(hidden).toMatchObject({ kind: 'in-session', pageHidden: true });
    expect(play(hidden, { type: 'lobby' })).toMatchObject({ kind: 'lobby', pageHidden: true });
    expect(play(hidden, { type: 'page-shown' })).toMatchObject({ pageHidden: false });
    // A guest whose page went away left: its final screen says so.
    const guest = play(INITIAL_STATE, join, { type: 'welcome', role: 'guest' }, { type: 'page-hidden' });
    expect(play(guest, closed({ reason: 'left', code: 1000 }))).toMatchObject({ kind: 'ended', notice: { heading: 'You left the session' } });
  });

  it('ignores what makes no sense where it arrives', () => {
    const connecting = play(INITIAL_STATE, create);
    expect(transition(connecting, { type: 'home', code: 'X' })).toBe(connecting);
    expect(transition(connecting, create)).toBe(connecting);
    expect(transition(INITIAL_STATE, closed({ reason: 'left', code: 1000 }))).toBe(INITIAL_STATE);
    expect(transition(INITIAL_STATE, { type: 'welcome', role: 'host' })).toBe(INITIAL_STATE);
    expect(transition(INITIAL_STATE, { type: 'leave', how: 'end' })).toBe(INITIAL_STATE);
    const ended = play(connecting, closed({ reason: 'unknown-code', code: 4004 }));
    expect(play(ended, { type: 'home', code: 'ABCD-EFGH-JKMN' })).toEqual({ kind: 'home', code: 'ABCD-EFGH-JKMN' });
    expect(play(ended, join)).toMatchObject({ kind: 'connecting' });
  });
});
