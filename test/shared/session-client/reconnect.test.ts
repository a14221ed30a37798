import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Relay } from '../../../relay/relay';
import { CHANNELS } from '../../../src/shared/protocol';
import { TerminalGrants } from '../../../src/shared/session-client';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { waitUntil } from '../../support/wait';
import { admitted, connect, disposeClients, hostAndGuest, next, startRelay } from './support';

let relay: Relay | undefined;
let proxy: TcpProxy | undefined;
afterEach(async () => {
  disposeClients();
  await proxy?.close();
  await relay?.close();
  relay = proxy = undefined;
});

describe('session client: reconnect and resume', () => {
  it('resumes its place after a network cut and delivers what was queued meanwhile', async () => {
    relay = await startRelay();
    proxy = await startTcpProxy(relay.port);
    const host = await admitted(connect(relay.url, 'Host', { kind: 'create', autoAdmit: true }));
    const guest = await admitted(connect(`ws://127.0.0.1:${proxy.port}/ws`, 'Guest', { kind: 'join', code: host.session!.code }));
    const guestId = guest.me!.id;
    const received: string[] = [];
    host.on('data', (f) => received.push(new TextDecoder().decode(f.payload)));

    proxy.block(true);
    const reconnecting = next(host, 'member-reconnecting');
    proxy.cut();
    await waitUntil(() => guest.state === 'reconnecting', 5_000, 'guest reconnecting');
    guest.send(CHANNELS.chat, new TextEncoder().encode('typed while offline'));
    expect((await reconnecting).id).toBe(guestId);

    const back = next(host, 'member-back');
    proxy.block(false);
    expect((await back).id).toBe(guestId);
    await waitUntil(() => guest.state === 'open', 5_000, 'guest back');
    expect(guest.me!.id).toBe(guestId);
    await waitUntil(() => received.includes('typed while offline'), 5_000, 'queued frame');
  });

  it('survives a relay restart: the host keeps its code, the guest comes back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duet-client-restart-'));
    relay = await startRelay({ dataDir });
    const port = relay.port;
    const { host, guest } = await hostAndGuest(relay.url);
    const code = host.session!.code;
    const guestId = guest.me!.id;

    await relay.close();
    await waitUntil(() => host.state === 'reconnecting' && guest.state === 'reconnecting', 5_000, 'both reconnecting');
    relay = await startRelay({ port, dataDir });

    await waitUntil(() => host.state === 'open' && guest.state === 'open', 10_000, 'both back');
    expect(host.session!.code).toBe(code);
    expect(guest.me!.id).toBe(guestId);
    await waitUntil(() => host.members.size === 2, 5_000, 'host sees the guest again');

    const got = next(guest, 'data');
    host.send(CHANNELS.doc, new Uint8Array([9, 9]));
    expect((await got).payload).toEqual(new Uint8Array([9, 9]));
  });

  it('a relay restart keeps the terminal input the host granted', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duet-client-restart-'));
    relay = await startRelay({ dataDir });
    const port = relay.port;
    const { host, guest } = await hostAndGuest(relay.url);
    const grants = new TerminalGrants(host);
    grants.set(guest.me!.id, true);
    await waitUntil(() => guest.me?.permissions.terminalInput, 5_000, 'guest granted');

    await relay.close();
    await waitUntil(() => host.state === 'reconnecting' && guest.state === 'reconnecting', 5_000, 'both reconnecting');
    relay = await startRelay({ port, dataDir });
    await waitUntil(() => host.state === 'open' && guest.state === 'open', 10_000, 'both back');

    // The relay's record keeps the grant; the host's own record of grants agrees with it.
    await waitUntil(() => guest.me?.permissions.terminalInput, 5_000, 'grant restored for the guest');
    await waitUntil(() => host.members.get(guest.me!.id)?.permissions.terminalInput, 5_000, 'host sees the grant');
    expect(grants.has(guest.me!.id)).toBe(true);
    const keys = next(host, 'data');
    guest.send(CHANNELS.terminalIn, new Uint8Array([108, 115]), host.me!.id);
    expect((await keys).channel).toBe(CHANNELS.terminalIn);
  });

  it('knocks again with the code when its place has expired', async () => {
    relay = await startRelay({ limits: { reconnectGraceMs: 200 } });
    proxy = await startTcpProxy(relay.port);
    const host = await admitted(connect(relay.url, 'Host', { kind: 'create' }));
    const guest = connect(`ws://127.0.0.1:${proxy.port}/ws`, 'Guest', { kind: 'join', code: host.session!.code });
    host.admit((await next(host, 'knock')).memberId);
    await admitted(guest);

    proxy.block(true);
    proxy.cut();
    await next(host, 'member-left');
    proxy.block(false);
    const knock = await next(host, 'knock', 10_000);
    expect(knock.name).toBe('Guest');
    await waitUntil(() => guest.state === 'lobby', 5_000, 'guest back in the lobby');
  });
});
