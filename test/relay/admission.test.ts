import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, DEFAULT_LIMITS } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, joinSession, pause, startRelay } from './support/fixture';

describe('admission: create, knock, admit, deny, auto-admit', () => {
  it('create gives the host a session id, an invite code, a resume token and the limits', async () => {
    const relay = await startRelay();
    const { welcome } = await createSession(relay, 'Hana');
    expect(welcome.session.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(welcome.session.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(welcome.session.autoAdmit).toBe(false);
    expect(welcome.resumed).toBe(false);
    expect(welcome.resumeToken.length).toBeGreaterThan(20);
    expect(welcome.you).toMatchObject({ name: 'Hana', role: 'host', permissions: { terminalInput: true }, connection: 'online' });
    expect(welcome.you.id).toBeGreaterThan(0);
    expect(welcome.members).toEqual([welcome.you]);
    expect(welcome.limits).toEqual({
      maxFrameBytes: DEFAULT_LIMITS.maxFrameBytes,
      maxControlBytes: DEFAULT_LIMITS.maxControlBytes,
      messagesPerSecond: DEFAULT_LIMITS.messagesPerSecond,
      messageBurst: DEFAULT_LIMITS.messageBurst,
      heartbeatIntervalMs: 1_000,
      reconnectGraceMs: 300,
    });
  });

  it('a joiner waits in the lobby, the host gets a knock with its name, admit lets it in', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const guest = await connect(relay);
    // Typed codes are forgiving: lower case, no dashes, O for 0 and so on.
    guest.hello({ intent: 'join', code: hosted.code.toLowerCase().replace(/-/g, ' '), name: '  Gil  ' });
    const lobby = await guest.waitFor('lobby');
    expect(lobby.session.id).toBe(hosted.welcome.session.id);
    const knock = await hosted.host.waitFor('knock');
    expect(knock.name).toBe('Gil');
    hosted.host.send({ type: 'admit', memberId: knock.memberId });
    const welcome = await guest.waitFor('welcome');
    expect(welcome.you).toMatchObject({ id: knock.memberId, name: 'Gil', role: 'guest', permissions: { terminalInput: false } });
    expect(welcome.members.map((m) => m.id)).toEqual([hosted.welcome.you.id, knock.memberId]);
    expect(welcome.session.code).toBe(hosted.code);
    const joined = await hosted.host.waitFor('member-joined');
    expect(joined.member).toEqual(welcome.you);
  });

  it('a third member sees everyone, and the earlier ones hear about it', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const first = await joinSession(relay, hosted, 'First');
    const second = await joinSession(relay, hosted, 'Second');
    expect(second.welcome.members.map((m) => m.name)).toEqual(['Hana', 'First', 'Second']);
    const seen = await first.guest.waitFor('member-joined');
    expect(seen.member.id).toBe(second.id);
  });

  it('deny closes the joiner with 4005 denied and nobody else hears of it', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const member = await joinSession(relay, hosted);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Mallory' });
    const knock = await hosted.host.waitFor('knock', (k) => k.name === 'Mallory');
    hosted.host.send({ type: 'deny', memberId: knock.memberId });
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES.denied, reason: 'denied' });
    expect(guest.types()).toEqual(['lobby']);
    await pause(50);
    expect(member.guest.types()).toEqual(['lobby', 'welcome']);
  });

  it('auto-admit on create lets joiners straight in', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay, 'Hana', true);
    expect(hosted.welcome.session.autoAdmit).toBe(true);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Gil' });
    const welcome = await guest.waitFor('welcome');
    expect(welcome.you.role).toBe('guest');
    expect((await hosted.host.waitFor('member-joined')).member.id).toBe(welcome.you.id);
    expect(hosted.host.types()).not.toContain('knock');
  });

  it('set-auto-admit tells everyone and admits the knocks already waiting', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const member = await joinSession(relay, hosted);
    const waiting = await connect(relay);
    waiting.hello({ intent: 'join', code: hosted.code, name: 'Waiting' });
    await hosted.host.waitFor('knock', (k) => k.name === 'Waiting');
    hosted.host.send({ type: 'set-auto-admit', on: true });
    expect(await member.guest.waitFor('auto-admit-changed')).toEqual({ type: 'auto-admit-changed', on: true });
    expect((await waiting.waitFor('welcome')).session.autoAdmit).toBe(true);
    const later = await connect(relay);
    later.hello({ intent: 'join', code: hosted.code, name: 'Later' });
    await later.waitFor('welcome');
    hosted.host.send({ type: 'set-auto-admit', on: false });
    await hosted.host.waitFor('auto-admit-changed', (m) => !m.on);
    const knocking = await connect(relay);
    knocking.hello({ intent: 'join', code: hosted.code, name: 'Knocking' });
    await knocking.waitFor('lobby');
    await hosted.host.waitFor('knock', (k) => k.name === 'Knocking');
  });

  it('a joiner who leaves or disconnects from the lobby withdraws its knock', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const leaver = await connect(relay);
    leaver.hello({ intent: 'join', code: hosted.code, name: 'Leaver' });
    const first = await hosted.host.waitFor('knock');
    leaver.send({ type: 'leave' });
    expect(await hosted.host.waitFor('knock-withdrawn')).toEqual({ type: 'knock-withdrawn', memberId: first.memberId });
    expect((await leaver.waitForClose()).code).toBe(CLOSE_CODES.left);

    const dropper = await connect(relay);
    dropper.hello({ intent: 'join', code: hosted.code, name: 'Dropper' });
    const second = await hosted.host.waitFor('knock');
    dropper.terminate();
    expect((await hosted.host.waitFor('knock-withdrawn')).memberId).toBe(second.memberId);
    // Admitting a withdrawn knock is an unknown member, and the host stays connected.
    hosted.host.send({ type: 'admit', memberId: second.memberId });
    expect((await hosted.host.waitFor('error')).code).toBe('unknown-member');
  });

  it('a lobby joiner may ping but anything else closes it 4015 not-admitted', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Eager' });
    await guest.waitFor('lobby');
    guest.send({ type: 'ping', t: 42 });
    expect(await guest.waitFor('pong')).toEqual({ type: 'pong', t: 42 });
    guest.send({ type: 'request-permission' });
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['not-admitted'], reason: 'not-admitted' });
    await hosted.host.waitFor('knock-withdrawn');
    await expectRelayStillServes(relay);
  });

  it('a data frame from the lobby closes it 4015 not-admitted', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Eager' });
    await guest.waitFor('lobby');
    guest.sendFrame(1, 0, new Uint8Array([1]));
    expect((await guest.waitForClose()).code).toBe(CLOSE_CODES['not-admitted']);
    expect(hosted.host.frames).toEqual([]);
  });

  it('unknown, malformed and missing codes close with 4004 unknown-code', async () => {
    const relay = await startRelay();
    for (const code of ['ZZZZ-ZZZZ-ZZZZ', 'not a code', undefined]) {
      const guest = await connect(relay);
      guest.hello({ intent: 'join', name: 'Guess', ...(code === undefined ? {} : { code }) });
      expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['unknown-code'], reason: 'unknown-code' });
    }
    await expectRelayStillServes(relay);
  });

  it('admit from a guest gets not-host and changes nothing', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const member = await joinSession(relay, hosted);
    const knocker = await connect(relay);
    knocker.hello({ intent: 'join', code: hosted.code, name: 'Knocker' });
    const knock = await hosted.host.waitFor('knock');
    member.guest.send({ type: 'admit', memberId: knock.memberId });
    expect((await member.guest.waitFor('error')).code).toBe('not-host');
    await pause(50);
    expect(knocker.types()).toEqual(['lobby']);
  });
});
