import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, joinSession, startRelay } from './support/fixture';
import type { RawClient } from './support/raw-client';

async function expectCodeDead(relay: Parameters<typeof connect>[0], code: string): Promise<void> {
  const late = await connect(relay);
  late.hello({ intent: 'join', code, name: 'Late' });
  expect(await late.waitForClose()).toEqual({ code: CLOSE_CODES['unknown-code'], reason: 'unknown-code' });
}

async function expectEnded(client: RawClient, reason: 'host-ended' | 'host-gone'): Promise<void> {
  expect(await client.waitFor('session-ended')).toEqual({ type: 'session-ended', reason });
  expect(await client.waitForClose()).toEqual({ code: CLOSE_CODES['session-ended'], reason: 'session-ended' });
}

describe('session end', () => {
  it('end-session tells everyone (lobby included), closes all with 4007, and the code stops working', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const knocking = await connect(relay);
    knocking.hello({ intent: 'join', code: hosted.code, name: 'Knocking' });
    await hosted.host.waitFor('knock', (k) => k.name === 'Knocking');
    hosted.host.send({ type: 'end-session' });
    await Promise.all([expectEnded(hosted.host, 'host-ended'), expectEnded(gil.guest, 'host-ended'), expectEnded(knocking, 'host-ended')]);
    await expectCodeDead(relay, hosted.code);
    // Tokens of an ended session are answered session-ended.
    const resumer = await connect(relay);
    resumer.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await resumer.waitForClose()).code).toBe(CLOSE_CODES['session-ended']);
    await expectRelayStillServes(relay);
  });

  it('the host leaving ends the session', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    hosted.host.send({ type: 'leave' });
    await expectEnded(gil.guest, 'host-ended');
    await expectCodeDead(relay, hosted.code);
  });

  it('end-session from a guest is not-host and ends nothing', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.send({ type: 'end-session' });
    expect((await gil.guest.waitFor('error')).code).toBe('not-host');
    await joinSession(relay, hosted, 'Still works');
  });

  it('a host gone past the grace period ends the session for everyone with host-gone', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 200 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const startedAt = Date.now();
    hosted.host.terminate();
    expect(await gil.guest.waitFor('member-reconnecting')).toEqual({
      type: 'member-reconnecting',
      memberId: hosted.welcome.you.id,
    });
    await expectEnded(gil.guest, 'host-gone');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
    await expectCodeDead(relay, hosted.code);
  });

  it('a host back inside the grace period keeps the session alive', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 1_000 } });
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    hosted.host.terminate();
    await gil.guest.waitFor('member-reconnecting');
    const back = await connect(relay);
    back.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    const welcome = await back.waitFor('welcome');
    expect(welcome.you).toMatchObject({ id: hosted.welcome.you.id, role: 'host' });
    await gil.guest.waitFor('member-back');
    // Past the moment the grace period would have run out.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(gil.guest.types()).not.toContain('session-ended');
    await joinSession(relay, { host: back, welcome, code: hosted.code }, 'After');
  });

  it('knocks that arrive while the host is reconnecting reach it when it is back', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 2_000 } });
    const hosted = await createSession(relay);
    hosted.host.terminate();
    const knocking = await connect(relay);
    knocking.hello({ intent: 'join', code: hosted.code, name: 'Patient' });
    await knocking.waitFor('lobby');
    const back = await connect(relay);
    back.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    await back.waitFor('welcome');
    const knock = await back.waitFor('knock');
    expect(knock.name).toBe('Patient');
    back.send({ type: 'admit', memberId: knock.memberId });
    await knocking.waitFor('welcome');
  });
});
