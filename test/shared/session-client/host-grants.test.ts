import { describe, expect, it } from 'vitest';
import { waitUntil } from '../../support/wait';
import { admitted, connect, hostAndGuest, useRelay } from './support';

const relay = useRelay();

describe('session client: the host keeps its own record of grants', () => {
  it('knows what it granted and revokes at once, before the relay confirms', async () => {
    const { host, guest } = await hostAndGuest(relay.url);
    const id = guest.me!.id;
    expect(host.hasGranted(id)).toBe(false);
    host.setPermissions(id, { terminalInput: true });
    expect(host.hasGranted(id)).toBe(true);
    await waitUntil(() => guest.me!.permissions.terminalInput, 5_000, 'grant');
    host.setPermissions(id, { terminalInput: false });
    expect(host.hasGranted(id)).toBe(false);
    await waitUntil(() => !guest.me!.permissions.terminalInput, 5_000, 'revoke');
  });

  it('a host that resumes without its record (a reloaded page) revokes the grants it cannot vouch for', async () => {
    const { host, guest } = await hostAndGuest(relay.url);
    const id = guest.me!.id;
    host.setPermissions(id, { terminalInput: true });
    await waitUntil(() => guest.me!.permissions.terminalInput, 5_000, 'grant');

    // The page reloads: a new client resumes the host's membership with its token.
    const token = host.currentResumeToken!;
    const code = host.session!.code;
    host.dispose();
    const reloaded = await admitted(connect(relay.url, 'Host', { kind: 'resume', token, code }));
    expect(reloaded.isHost).toBe(true);
    expect(reloaded.session!.code).toBe(code);
    await waitUntil(() => !guest.me!.permissions.terminalInput, 5_000, 'stale grant revoked');
    expect(reloaded.hasGranted(id)).toBe(false);
  });
});
