import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, joinSession, pause, startRelay } from './support/fixture';

describe('presence: joined, reconnecting, back, left, removed', () => {
  it('everyone sees presence events in the order they happen', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 2_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const ida = await joinSession(relay, hosted, 'Ida');

    // Gil's network drops, then Gil resumes with the token.
    gil.guest.terminate();
    await ida.guest.waitFor('member-reconnecting');
    const back = await connect(relay);
    back.hello({ intent: 'resume', token: gil.welcome.resumeToken, name: 'Gil' });
    const resumed = await back.waitFor('welcome');
    expect(resumed.resumed).toBe(true);
    expect(resumed.you.id).toBe(gil.id);
    await ida.guest.waitFor('member-back');

    // Gil leaves on purpose.
    back.send({ type: 'leave' });
    expect(await back.waitForClose()).toEqual({ code: CLOSE_CODES.left, reason: 'left' });
    await ida.guest.waitFor('member-left');

    expect(ida.guest.types()).toEqual(['lobby', 'welcome', 'member-reconnecting', 'member-back', 'member-left']);
    expect(hosted.host.types()).toEqual([
      'welcome',
      'knock',
      'member-joined',
      'knock',
      'member-joined',
      'member-reconnecting',
      'member-back',
      'member-left',
    ]);
    const events = hosted.host.messages.slice(5);
    expect(events).toEqual([
      { type: 'member-reconnecting', memberId: gil.id },
      { type: 'member-back', memberId: gil.id },
      { type: 'member-left', memberId: gil.id, reason: 'left' },
    ]);
  });

  it('a reconnecting member shows as reconnecting in the member list of a later joiner', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 2_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    await gil.guest.close(1000);
    await hosted.host.waitFor('member-reconnecting');
    const later = await joinSession(relay, hosted, 'Later');
    expect(later.welcome.members.find((m) => m.id === gil.id)?.connection).toBe('reconnecting');
  });

  it('a member gone longer than the grace period is reported left with reason timeout', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 150 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.terminate();
    await hosted.host.waitFor('member-reconnecting');
    expect(await hosted.host.waitFor('member-left')).toEqual({ type: 'member-left', memberId: gil.id, reason: 'timeout' });
  });

  it('the host removes a member: others get member-left removed, the member is closed 4006', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const ida = await joinSession(relay, hosted, 'Ida');
    hosted.host.send({ type: 'remove', memberId: gil.id });
    expect(await gil.guest.waitForClose()).toEqual({ code: CLOSE_CODES.removed, reason: 'removed' });
    expect(await ida.guest.waitFor('member-left')).toEqual({ type: 'member-left', memberId: gil.id, reason: 'removed' });
    expect((await hosted.host.waitFor('member-left')).reason).toBe('removed');
    // A removed member's token is spent.
    const again = await connect(relay);
    again.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    expect((await again.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  });

  it('the host can remove a member who is reconnecting', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 5_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.terminate();
    await hosted.host.waitFor('member-reconnecting');
    hosted.host.send({ type: 'remove', memberId: gil.id });
    expect((await hosted.host.waitFor('member-left')).reason).toBe('removed');
  });

  it('remove, permissions and admit naming nobody get unknown-member; a guest removing gets not-host', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    for (const command of [
      { type: 'remove', memberId: 12345 },
      { type: 'set-permissions', memberId: 12345, permissions: { terminalInput: true } },
      { type: 'admit', memberId: 12345 },
      { type: 'deny', memberId: 12345 },
      // The host is not a guest: its own permissions are fixed and it cannot remove itself.
      { type: 'remove', memberId: hosted.welcome.you.id },
    ]) {
      hosted.host.send(command);
      expect((await hosted.host.waitFor('error')).code).toBe('unknown-member');
    }
    gil.guest.send({ type: 'remove', memberId: hosted.welcome.you.id });
    expect(await gil.guest.waitFor('error')).toMatchObject({ code: 'not-host' });
    await pause(30);
    expect(gil.guest.ws.readyState).toBe(gil.guest.ws.OPEN);
  });

  it('ping is answered with pong carrying the same t', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    hosted.host.send({ type: 'ping', t: 1234.5 });
    expect(await hosted.host.waitFor('pong')).toEqual({ type: 'pong', t: 1234.5 });
  });
});
