import { describe, expect, it } from 'vitest';
import { newSession, ofType, sentTo, testEnv } from './core-harness';

describe('session core: admission', () => {
  it('create records the session first, then welcomes the host', () => {
    const { core, effects } = newSession();
    expect(effects.map((e) => e.type)).toEqual(['record', 'welcome']);
    expect(ofType(effects, 'record')[0]!.entry).toMatchObject({ t: 'open', sid: 'sid-1', host: core.host.id, name: 'Hana' });
    expect(ofType(effects, 'welcome')[0]).toMatchObject({ to: 'host', body: { resumed: false, you: { role: 'host', permissions: { terminalInput: true } } } });
  });

  it('a knock waits in the lobby and the host is told; admit records the member, welcomes it and tells the others', () => {
    const { core } = newSession();
    const { admission, effects } = core.knock('Gil', '10.0.0.1', 'gil');
    expect(admission).toEqual({ outcome: 'lobby', memberId: 101 + 1 });
    expect(sentTo(effects, 'gil')).toEqual(['lobby']);
    expect(sentTo(effects, 'host')).toEqual(['knock']);
    expect(ofType(effects, 'knocks')).toEqual([{ type: 'knocks', ip: '10.0.0.1', delta: 1 }]);
    expect(ofType(effects, 'record')).toEqual([]);

    const admitted = core.command(core.host.id, 'host', { type: 'admit', memberId: 102 });
    expect(admitted.map((e) => e.type)).toEqual(['knocks', 'count', 'record', 'welcome', 'send']);
    expect(ofType(admitted, 'record')[0]!.entry).toMatchObject({ t: 'member', mid: 102, name: 'Gil' });
    expect(sentTo(admitted, 'host')).toEqual(['member-joined']);
    expect(core.members.get(102)).toMatchObject({ role: 'guest', permissions: { terminalInput: false }, link: 'gil' });
  });

  it('deny closes the joiner with denied and the host hears nothing more', () => {
    const { core } = newSession();
    core.knock('Gil', '10.0.0.1', 'gil');
    const effects = core.command(core.host.id, 'host', { type: 'deny', memberId: 102 });
    expect(ofType(effects, 'close')).toEqual([{ type: 'close', to: 'gil', reason: 'denied' }]);
    expect(sentTo(effects, 'host')).toEqual([]);
    expect(core.lobby.size).toBe(0);
  });

  it('with auto-admit a knock is a member at once; turning it on admits those waiting', () => {
    const open = newSession(testEnv(), true).core;
    expect(open.knock('Gil', '10.0.0.1', 'gil').admission).toMatchObject({ outcome: 'admitted' });
    const { core } = newSession();
    core.knock('Ida', '10.0.0.2', 'ida');
    const effects = core.command(core.host.id, 'host', { type: 'set-auto-admit', on: true });
    expect(ofType(effects, 'record').map((e) => e.entry.t)).toEqual(['auto-admit', 'member']);
    expect(ofType(effects, 'welcome')[0]!.to).toBe('ida');
  });

  it('members are bounded apart from the lobby: full refuses knocks, and admitting into a full session closes the joiner', () => {
    const { core } = newSession(testEnv({ maxMembers: 2 }));
    core.knock('Waiting', '10.0.0.9', 'waiting');
    core.knock('Gil', '10.0.0.1', 'gil');
    core.command(core.host.id, 'host', { type: 'admit', memberId: 103 });
    expect(core.knock('Late', '10.0.0.3', 'late').admission).toEqual({ refused: 'session-full' });
    const effects = core.command(core.host.id, 'host', { type: 'admit', memberId: 102 });
    expect(ofType(effects, 'close')).toEqual([{ type: 'close', to: 'waiting', reason: 'session-full' }]);
    expect(sentTo(effects, 'host')).toEqual(['knock-withdrawn']);
  });

  it('a full lobby takes a newcomer only by displacing a crowding address', () => {
    const { core } = newSession(testEnv({ maxLobby: 3 }));
    core.knock('a1', '10.0.0.1', 'a1');
    core.knock('a2', '10.0.0.1', 'a2');
    core.knock('b1', '10.0.0.2', 'b1');
    const { admission, effects } = core.knock('c1', '10.0.0.3', 'c1');
    expect(admission).toMatchObject({ outcome: 'lobby' });
    expect(ofType(effects, 'close')).toEqual([{ type: 'close', to: 'a2', reason: 'lobby-full' }]);
    expect(sentTo(effects, 'host')).toEqual(['knock-withdrawn', 'knock']);
    // Now every address holds one place: nobody else gets in.
    expect(core.knock('d1', '10.0.0.4', 'd1').admission).toEqual({ refused: 'lobby-full' });
  });

  it('a joiner who cancels or drops is withdrawn from the host\'s waiting room', () => {
    const { core } = newSession();
    core.knock('Gil', '10.0.0.1', 'gil');
    core.knock('Ida', '10.0.0.2', 'ida');
    const cancelled = core.cancelKnock(102, 'gil');
    expect(sentTo(cancelled, 'host')).toEqual(['knock-withdrawn']);
    expect(ofType(cancelled, 'close')).toEqual([{ type: 'close', to: 'gil', reason: 'left' }]);
    expect(sentTo(core.linkClosed(103, 'ida'), 'host')).toEqual(['knock-withdrawn']);
    expect(core.lobby.size).toBe(0);
  });

  it('guests cannot use host commands', () => {
    const { core } = newSession();
    core.knock('Gil', '10.0.0.1', 'gil');
    core.command(core.host.id, 'host', { type: 'admit', memberId: 102 });
    core.knock('Ida', '10.0.0.2', 'ida');
    const effects = core.command(102, 'gil', { type: 'admit', memberId: 103 });
    expect(ofType(effects, 'send')).toEqual([
      { type: 'send', to: ['gil'], message: { type: 'error', code: 'not-host', message: 'only the host may do that' } },
    ]);
    expect(core.lobby.has(103)).toBe(true);
  });
});
