import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/protocol';
import { createSession, joinSession, pause, startRelay } from './support/fixture';

const keys = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('permissions: terminal input per guest, terminal output from the host only', () => {
  it('guest terminal input is dropped until granted, delivered to the host only after, dropped again after revoke', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const { host } = hosted;
    const hostId = hosted.welcome.you.id;
    const gil = await joinSession(relay, hosted, 'Gil');
    const ida = await joinSession(relay, hosted, 'Ida');

    // Before any grant: dropped, and Gil is told once (not once per keystroke).
    gil.guest.sendFrame(CHANNELS.terminalIn, hostId, keys('rm -rf /'));
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, keys('again'));
    expect(await gil.guest.waitFor('error')).toMatchObject({ code: 'no-permission' });
    await pause(80);
    expect(gil.guest.messages.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(host.frames).toEqual([]);

    // The guest asks; the host grants; everyone sees the change.
    gil.guest.send({ type: 'request-permission' });
    expect(await host.waitFor('permission-requested')).toEqual({ type: 'permission-requested', memberId: gil.id });
    host.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: true } });
    for (const client of [host, gil.guest, ida.guest]) {
      expect(await client.waitFor('permissions-changed')).toEqual({
        type: 'permissions-changed',
        memberId: gil.id,
        permissions: { terminalInput: true },
      });
    }

    // Granted: delivered to the host only, whatever `to` says.
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, keys('ls\r'));
    const frame = await host.waitForFrame();
    expect(frame).toMatchObject({ channel: CHANNELS.terminalIn, from: gil.id });
    expect(new TextDecoder().decode(frame.payload)).toBe('ls\r');
    gil.guest.sendFrame(CHANNELS.terminalIn, ida.id, keys('pwd\r'));
    await host.waitForFrame();
    // Ida, without the grant, is still refused.
    ida.guest.sendFrame(CHANNELS.terminalIn, hostId, keys('whoami'));
    expect((await ida.guest.waitFor('error')).code).toBe('no-permission');

    // Revoked: dropped again, and told again (once).
    host.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: false } });
    await gil.guest.waitFor('permissions-changed', (m) => !m.permissions.terminalInput);
    gil.guest.sendFrame(CHANNELS.terminalIn, hostId, keys('sneaky'));
    expect((await gil.guest.waitFor('error')).code).toBe('no-permission');
    await pause(80);
    expect(host.frames).toHaveLength(2);
    expect(ida.guest.frames).toEqual([]);
    // A later joiner sees current permissions in its welcome.
    const later = await joinSession(relay, hosted, 'Later');
    expect(later.welcome.members.find((m) => m.id === gil.id)?.permissions).toEqual({ terminalInput: false });
  });

  it('terminal output from a guest is dropped with not-host', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    const ida = await joinSession(relay, hosted, 'Ida');
    gil.guest.sendFrame(CHANNELS.terminalOut, 0, keys('fake prompt $ '));
    expect((await gil.guest.waitFor('error')).code).toBe('not-host');
    await pause(80);
    expect(ida.guest.frames).toEqual([]);
    expect(hosted.host.frames).toEqual([]);
  });

  it('set-permissions from a guest gets not-host and changes nothing', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: true } });
    expect((await gil.guest.waitFor('error')).code).toBe('not-host');
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, keys('x'));
    expect((await gil.guest.waitFor('error')).code).toBe('no-permission');
    await pause(50);
    expect(hosted.host.frames).toEqual([]);
    expect(hosted.host.types()).not.toContain('permissions-changed');
  });

  it('the host may always send terminal sync and guests may too without terminal input', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    gil.guest.sendFrame(CHANNELS.terminalSync, hosted.welcome.you.id, keys('since:120'));
    expect((await hosted.host.waitForFrame()).channel).toBe(CHANNELS.terminalSync);
    hosted.host.sendFrame(CHANNELS.terminalSync, gil.id, keys('snapshot'));
    expect((await gil.guest.waitForFrame()).channel).toBe(CHANNELS.terminalSync);
  });
});
