import { describe, expect, it } from 'vitest';
import { ResumeClaims, signResumeToken } from '../../relay/resume-token';
import { CHANNELS, CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, joinSession, pause, startRelay } from './support/fixture';

describe('resume with a token', () => {
  it('inside the grace period: same member id, same session, member-back for the others, frames flow again', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 1_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.terminate();
    await hosted.host.waitFor('member-reconnecting');
    const back = await connect(relay);
    back.hello({ intent: 'resume', token: gil.welcome.resumeToken, name: 'ignored' });
    const welcome = await back.waitFor('welcome');
    expect(welcome.resumed).toBe(true);
    expect(welcome.you).toMatchObject({ id: gil.id, name: 'Gil', role: 'guest', connection: 'online' });
    expect(welcome.session).toEqual(gil.welcome.session);
    // A fresh token each time, so a long session never runs into the token's age limit.
    expect(welcome.resumeToken).not.toBe(gil.welcome.resumeToken);
    expect(await hosted.host.waitFor('member-back')).toEqual({ type: 'member-back', memberId: gil.id });
    hosted.host.sendFrame(CHANNELS.doc, gil.id, new Uint8Array([5]));
    expect((await back.waitForFrame()).from).toBe(hosted.welcome.you.id);
    // No timeout fires later for a member who came back.
    await pause(1_100);
    expect(hosted.host.types()).not.toContain('member-left');
  });

  it('after the grace period the token is spent: 4004 unknown-code', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 100 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.terminate();
    await hosted.host.waitFor('member-left');
    const late = await connect(relay);
    late.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    expect(await late.waitForClose()).toEqual({ code: CLOSE_CODES['unknown-code'], reason: 'unknown-code' });
  });

  it('resuming while the old connection is still open replaces it (4012 replaced)', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const second = await connect(relay);
    second.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    expect((await second.waitFor('welcome')).you.id).toBe(gil.id);
    expect(await gil.guest.waitForClose()).toEqual({ code: CLOSE_CODES.replaced, reason: 'replaced' });
    await hosted.host.waitFor('member-back');
    // The stale socket closing must not make the member look disconnected.
    await pause(50);
    expect(hosted.host.types()).not.toContain('member-reconnecting');
    hosted.host.sendFrame(CHANNELS.chat, 0, new Uint8Array([1]));
    await second.waitForFrame();
  });

  it('forged, tampered, foreign-key and malformed tokens close with 4004', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const [body, mac] = hosted.welcome.resumeToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'guest' })).toString('base64url');
    const tokens = [
      'garbage',
      'a.b.c',
      `${promoted}.${mac}`,
      `${body}.${mac.slice(0, -2)}AA`,
      signResumeToken(Buffer.from('another relay secret 1234567890'), ResumeClaims.parse(claims)),
      undefined,
    ];
    for (const token of tokens) {
      const client = await connect(relay);
      client.hello({ intent: 'resume', ...(token === undefined ? {} : { token }) });
      expect((await client.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
    }
    await expectRelayStillServes(relay);
  });

  it('a token older than 24 hours is refused', async () => {
    const secret = 'a test secret of enough length';
    const relay = await startRelay({ secret });
    const hosted = await createSession(relay);
    const claims = ResumeClaims.parse(JSON.parse(Buffer.from(hosted.welcome.resumeToken.split('.')[0]!, 'base64url').toString()));
    // The same claims, correctly signed, but issued 25 hours ago.
    const old = signResumeToken(Buffer.from(secret), { ...claims, iat: Date.now() - 25 * 3600_000 });
    const fresh = signResumeToken(Buffer.from(secret), { ...claims, iat: Date.now() - 1000 });
    const client = await connect(relay);
    client.hello({ intent: 'resume', token: old });
    expect((await client.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
    const control = await connect(relay);
    control.hello({ intent: 'resume', token: fresh });
    expect((await control.waitFor('welcome')).you.id).toBe(hosted.welcome.you.id);
  });
});
