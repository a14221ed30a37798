import { describe, expect, it } from 'vitest';
import { TerminalGrants } from '../../../src/shared/session-client';
import { waitUntil } from '../../support/wait';
import { admitted, connect, hostAndGuest, useRelay } from './support';

const relay = useRelay();

describe('TerminalGrants: the host keeps its own record of grants', () => {
  it('knows what it granted and revokes at once, before the relay confirms', async () => {
    const { host, guest } = await hostAndGuest(relay.url);
    const grants = new TerminalGrants(host);
    const id = guest.me!.id;
    expect(grants.has(id)).toBe(false);
    grants.set(id, true);
    expect(grants.has(id)).toBe(true);
    await waitUntil(() => guest.me!.permissions.terminalInput, 5_000, 'grant');
    grants.set(id, false);
    expect(grants.has(id)).toBe(false);
    await waitUntil(() => !guest.me!.permissions.terminalInput, 5_000, 'revoke');
  });

  it('a host that resumes without its record (a reloaded page) revokes the grants it cannot vouch for', async () => {
    const { host, guest } = await hostAndGuest(relay.url);
    const id = guest.me!.id;
    new TerminalGrants(host).set(id, true);
    await waitUntil(() => guest.me!.permissions.terminalInput, 5_000, 'grant');

    // The page reloads: a new client resumes the host's membership with its token.
    const token = host.currentResumeToken!;
    const code = host.session!.code;
    host.dispose();
    const reloaded = connect(relay.url, 'Host', { kind: 'resume', token, code });
    const reloadedGrants = new TerminalGrants(reloaded);
    await admitted(reloaded);
    expect(reloaded.isHost).toBe(true);
    expect(reloaded.session!.code).toBe(code);
    await waitUntil(() => !guest.me!.permissions.terminalInput, 5_000, 'stale grant revoked');
    expect(reloadedGrants.has(id)).toBe(false);
  });
});
