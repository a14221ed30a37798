import { describe, expect, it } from 'vitest';
import { admitted, newSession, ofType, sentTo, testEnv } from './core-harness';

describe('session core: presence and grace', () => {
  it('a dropped member is held: the others see reconnecting and its grace timer starts', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    const effects = core.linkClosed(gil, 'gil');
    expect(sentTo(effects, 'host')).toEqual(['member-reconnecting']);
    expect(ofType(effects, 'grace')).toEqual([{ type: 'grace', memberId: gil, on: true }]);
    expect(core.members.get(gil)?.link).toBeUndefined();
  });

  it('resuming in time stops the timer, welcomes it back and tells the others', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    core.linkClosed(gil, 'gil');
    const { admission, effects } = core.resume(gil, 'guest', 'gil-2');
    expect(admission).toEqual({ outcome: 'resumed', memberId: gil });
    expect(ofType(effects, 'grace')).toEqual([{ type: 'grace', memberId: gil, on: false }]);
    expect(ofType(effects, 'welcome')[0]).toMatchObject({ to: 'gil-2', body: { resumed: true } });
    expect(sentTo(effects, 'host')).toEqual(['member-back']);
  });

  it('a resume on a new connection while the old one is open replaces it; the old one\'s close is then a no-op', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    const { effects } = core.resume(gil, 'guest', 'gil-2');
    expect(ofType(effects, 'close')).toEqual([{ type: 'close', to: 'gil', reason: 'replaced' }]);
    expect(core.linkClosed(gil, 'gil')).toEqual([]);
    expect(core.members.get(gil)?.link).toBe('gil-2');
  });

  it('a guest whose grace runs out is gone for good (recorded, so its token is spent); a late resume is refused', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    core.linkClosed(gil, 'gil');
    const effects = core.graceExpired(gil);
    expect(ofType(effects, 'record')[0]!.entry).toMatchObject({ t: 'revoke', mid: gil, why: 'timeout' });
    expect(ofType(effects, 'send')[0]!.message).toEqual({ type: 'member-left', memberId: gil, reason: 'timeout' });
    expect(core.resume(gil, 'guest', 'gil-3').admission).toEqual({ refused: 'unknown-code' });
  });

  it('a timer that fires after the member came back does nothing', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    core.linkClosed(gil, 'gil');
    core.resume(gil, 'guest', 'gil-2');
    expect(core.graceExpired(gil)).toEqual([]);
  });

  it('leave and remove are final: the member is closed and revoked, and never resumes', () => {
    const { core } = newSession();
    const gil = admitted(core, 'gil');
    const ida = admitted(core, 'ida', 'Ida', '10.0.0.2');
    const left = core.command(gil, 'gil', { type: 'leave' });
    expect(ofType(left, 'close')).toEqual([{ type: 'close', to: 'gil', reason: 'left' }]);
    const removed = core.command(core.host.id, 'host', { type: 'remove', memberId: ida });
    expect(ofType(removed, 'close')).toEqual([{ type: 'close', to: 'ida', reason: 'removed' }]);
    expect(ofType(removed, 'record')[0]!.entry).toMatchObject({ t: 'revoke', mid: ida, why: 'removed' });
    expect(core.resume(gil, 'guest', 'x').admission).toEqual({ refused: 'unknown-code' });
    expect(core.resume(ida, 'guest', 'y').admission).toEqual({ refused: 'unknown-code' });
  });

  it('new member ids never reuse a revoked one', () => {
    // The random source offers: the host's id, Gil's id, then Gil's again (revoked by then), then a fresh one.
    const offered = [101, 102, 102, 555];
    const { core } = newSession({ ...testEnv(), randomId: () => offered.shift()! });
    const gil = admitted(core, 'gil');
    expect(gil).toBe(102);
    core.command(core.host.id, 'host', { type: 'remove', memberId: gil });
    expect(core.knock('Next', '10.0.0.3', 'next').admission).toEqual({ outcome: 'lobby', memberId: 555 });
  });

  it('the host who comes back gets the knocks that arrived while it was away', () => {
    const { core } = newSession();
    core.linkClosed(core.host.id, 'host');
    core.knock('Gil', '10.0.0.1', 'gil');
    const { effects } = core.resume(core.host.id, 'host', 'host-2');
    expect(sentTo(effects, 'host-2')).toEqual(['knock']);
  });
});
