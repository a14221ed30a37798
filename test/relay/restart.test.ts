import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, forgetRelay, joinSession, startRelay } from './support/fixture';

describe('relay restart survival', () => {
  it('the host re-creates its session under the same code; guests get 4013 until then and are re-admitted after', async () => {
    const secret = 'restart test secret, long enough';
    const first = await startRelay({ secret, limits: { reconnectGraceMs: 5_000 } });
    const hosted = await createSession(first);
    const gil = await joinSession(first, hosted, 'Gil');
    const ida = await joinSession(first, hosted, 'Ida');
    // Ida leaves for good before the restart; Gil is still there when the relay goes down.
    ida.guest.send({ type: 'leave' });
    await hosted.host.waitFor('member-left');
    // Let a millisecond pass so the new incarnation starts strictly after every token.
    await new Promise((resolve) => setTimeout(resolve, 5));

    forgetRelay(first);
    await first.close();
    expect((await hosted.host.waitForClose()).code).toBe(CLOSE_CODES['server-shutting-down']);
    expect((await gil.guest.waitForClose()).code).toBe(CLOSE_CODES['server-shutting-down']);

    const second = await startRelay({ secret, port: first.port, limits: { reconnectGraceMs: 5_000 } });
    expect(second.url).toBe(first.url);

    // Guest first: the session is not there yet. Retry later.
    const early = await connect(second);
    early.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    expect(await early.waitForClose()).toEqual({ code: CLOSE_CODES['session-unavailable'], reason: 'session-unavailable' });

    // The host comes back: same session id, code and host id.
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    const welcome = await host.waitFor('welcome');
    expect(welcome.resumed).toBe(true);
    expect(welcome.session.id).toBe(hosted.welcome.session.id);
    expect(welcome.session.code).toBe(hosted.code);
    expect(welcome.you).toMatchObject({ id: hosted.welcome.you.id, role: 'host', permissions: { terminalInput: true } });

    // Now the guest is re-admitted with its old id (permissions off).
    const guest = await connect(second);
    guest.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    const guestWelcome = await guest.waitFor('welcome');
    expect(guestWelcome.resumed).toBe(true);
    expect(guestWelcome.you).toMatchObject({ id: gil.id, name: 'Gil', role: 'guest', permissions: { terminalInput: false } });
    expect((await host.waitFor('member-joined')).member.id).toBe(gil.id);
    guest.sendFrame(CHANNELS.doc, 0, new Uint8Array([1, 2]));
    expect((await host.waitForFrame()).from).toBe(gil.id);

    // The same code still lets new people knock.
    await joinSession(second, { host, welcome, code: hosted.code }, 'Newcomer');

    // A token of this incarnation whose member left is spent (4004), not re-admitted.
    guest.send({ type: 'leave' });
    await host.waitFor('member-left', (m) => m.memberId === gil.id);
    const again = await connect(second);
    again.hello({ intent: 'resume', token: guestWelcome.resumeToken });
    expect((await again.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  });

  it('without a secret option, the secret generated into dataDir (mode 0600) keeps tokens valid across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duet-relay-secret-'));
    const first = await startRelay({ dataDir });
    const hosted = await createSession(first);
    forgetRelay(first);
    await first.close();
    expect(statSync(join(dataDir, 'relay-secret')).mode & 0o777).toBe(0o600);
    const second = await startRelay({ dataDir });
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await host.waitFor('welcome')).session.code).toBe(hosted.code);
  });

  it('a relay with a different secret does not accept the old tokens', async () => {
    const first = await startRelay({ secret: 'the first secret, long enough' });
    const hosted = await createSession(first);
    const second = await startRelay({ secret: 'the other secret, long enough' });
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await host.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  });
});
