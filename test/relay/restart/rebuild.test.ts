import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES } from '../../../src/shared/protocol';
import { connect, createSession, forgetRelay, joinSession, startRelay } from '../support/fixture';

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'duet-relay-rebuild-'));
}

describe('a relay restarted on its data dir rebuilds sessions from their record', () => {
  it('whoever resumes first brings the session back with the same id and code; the others are held as reconnecting', async () => {
    const dir = dataDir();
    const first = await startRelay({ dataDir: dir, limits: { reconnectGraceMs: 5_000 } });
    const hosted = await createSession(first);
    const gil = await joinSession(first, hosted, 'Gil');
    hosted.host.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: true } });
    await gil.guest.waitFor('permissions-changed');
    forgetRelay(first);
    await first.close();
    expect((await hosted.host.waitForClose()).code).toBe(CLOSE_CODES['server-shutting-down']);

    const second = await startRelay({ dataDir: dir, port: first.port, limits: { reconnectGraceMs: 5_000 } });
    // The guest is back first: the host is shown reconnecting, the grant it made still holds.
    const guest = await connect(second);
    guest.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    const guestWelcome = await guest.waitFor('welcome');
    expect(guestWelcome).toMatchObject({ resumed: true, session: { id: hosted.welcome.session.id, code: hosted.code } });
    expect(guestWelcome.you).toMatchObject({ id: gil.id, name: 'Gil', permissions: { terminalInput: true } });
    expect(guestWelcome.members.find((m) => m.role === 'host')).toMatchObject({ id: hosted.welcome.you.id, connection: 'reconnecting' });

    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    const welcome = await host.waitFor('welcome');
    expect(welcome.you).toMatchObject({ id: hosted.welcome.you.id, role: 'host' });
    await guest.waitFor('member-back', (m) => m.memberId === hosted.welcome.you.id);
    guest.sendFrame(CHANNELS.terminalIn, 0, new Uint8Array([0x6c]));
    expect((await host.waitForFrame()).from).toBe(gil.id);

    // The same code still lets new people knock.
    await joinSession(second, { host, welcome, code: hosted.code }, 'Newcomer');
  });

  it('counts a resume that rebuilt its session apart from refused hellos', async () => {
    const dir = dataDir();
    const first = await startRelay({ dataDir: dir });
    const hosted = await createSession(first);
    forgetRelay(first);
    await first.close();
    const second = await startRelay({ dataDir: dir, port: first.port });
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    await host.waitFor('welcome');
    const metrics = await (await fetch(`${second.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/duet_relay_join_attempts_total\{outcome="rebuilt"\} 1/);
    expect(metrics).not.toMatch(/duet_relay_join_attempts_total\{outcome="(unknown-code|refused)"\}/);
  });

  it('keeps the generated secret (mode 0600) and the records (mode 0600) in the data dir', async () => {
    const dir = dataDir();
    const first = await startRelay({ dataDir: dir });
    await createSession(first);
    forgetRelay(first);
    await first.close();
    expect(statSync(join(dir, 'relay-secret')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sessions.jsonl')).mode & 0o777).toBe(0o600);
  });

  it('without a data dir nothing survives: the old tokens are unknown', async () => {
    const secret = 'restart test secret, long enough';
    const first = await startRelay({ secret });
    const hosted = await createSession(first);
    forgetRelay(first);
    await first.close();
    const second = await startRelay({ secret, port: first.port });
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await host.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  });

  it('a relay with a different secret does not accept the old tokens', async () => {
    const dir = dataDir();
    const first = await startRelay({ dataDir: dir, secret: 'the first secret, long enough' });
    const hosted = await createSession(first);
    const second = await startRelay({ dataDir: dataDir(), secret: 'the other secret, long enough' });
    const host = await connect(second);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await host.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  });
});
