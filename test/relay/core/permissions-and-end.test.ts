import { describe, expect, it } from 'vitest';
import { admitted, newSession, ofType, sentTo } from './core-harness';

describe('session core: permissions and the end', () => {
  it('the host grants terminal input per guest: recorded, announced to everyone', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    const effects = core.command(core.host.id, 'host', { type: 'set-permissions', memberId: gil, permissions: { terminalInput: true } });
    expect(ofType(effects, 'record')[0]!.entry).toMatchObject({ t: 'perm', mid: gil, terminalInput: true });
    expect(ofType(effects, 'send')[0]).toMatchObject({ to: ['host', 'gil'], message: { type: 'permissions-changed', memberId: gil } });
    expect(core.members.get(gil)?.permissions.terminalInput).toBe(true);
  });

  it('the host is not a target of guest commands', () => {
    const { core } = newSession();
    const effects = core.command(core.host.id, 'host', { type: 'set-permissions', memberId: core.host.id, permissions: { terminalInput: false } });
    expect(ofType(effects, 'send')[0]!.message).toMatchObject({ type: 'error', code: 'unknown-member' });
  });

  it('ending tells everyone, lobby included, closes them, records the end and forgets the session', () => {
    const { core } = newSession();
    admitted(core, 'gil');
    core.knock('Ida', '10.0.0.2', 'ida');
    const effects = core.command(core.host.id, 'host', { type: 'end-session' });
    expect(ofType(effects, 'record').map((e) => e.entry)).toEqual([{ t: 'end', sid: 'sid-1', reason: 'host-ended', at: 1_000 }]);
    expect(ofType(effects, 'send')).toEqual([{ type: 'send', to: ['host', 'gil', 'ida'], message: { type: 'session-ended', reason: 'host-ended' } }]);
    expect(ofType(effects, 'close').map((e) => [e.to, e.reason])).toEqual([
      ['host', 'session-ended'],
      ['gil', 'session-ended'],
      ['ida', 'session-ended'],
    ]);
    expect(effects.at(-1)).toEqual({ type: 'ended' });
    expect(core.ended).toBe(true);
    expect(core.resume(core.host.id, 'host', 'again').admission).toEqual({ refused: 'session-ended' });
    expect(core.knock('Late', '10.0.0.3', 'late').admission).toEqual({ refused: 'unknown-code' });
  });

  it('a host gone past its grace ends the session (host-gone); a guest leaving does not', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    expect(ofType(core.command(gil, 'gil', { type: 'leave' }), 'ended')).toEqual([]);
    core.linkClosed(core.host.id, 'host');
    const effects = core.graceExpired(core.host.id);
    expect(ofType(effects, 'record')[0]!.entry).toMatchObject({ t: 'end', reason: 'host-gone' });
    expect(sentTo(effects, 'host')).toEqual([]);
  });

  it('a stale connection\'s commands are ignored', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    core.resume(gil, 'guest', 'gil-2');
    expect(core.command(gil, 'gil', { type: 'leave' })).toEqual([]);
    expect(core.members.has(gil)).toBe(true);
  });
});
