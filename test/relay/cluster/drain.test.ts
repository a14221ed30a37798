import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src/shared/protocol';
import type { RelayProcess } from '../../support/processes';
import { connect, createSession, joinSession } from '../support/fixture';
import { clusterOf } from './cluster-of';

const PROCESS_TEST_MS = 60_000;

describe('relay cluster: a node drains on SIGTERM', () => {
  it('its members, and those of its sessions on other nodes, are closed 1001 and resume on another node at once', async () => {
    const { nodes } = await clusterOf(2);
    const [a, b] = nodes as [RelayProcess, RelayProcess];
    const hosted = await createSession(a);
    const gil = await joinSession(b, hosted, 'Gil');

    const stopped = a.stop();
    expect((await hosted.host.waitForClose()).code).toBe(1001);
    expect((await gil.guest.waitForClose()).code).toBe(1001);
    await stopped;

    // A released its sessions as it left: B takes this one over without waiting for A to be declared dead.
    const startedAt = Date.now();
    const host = await connect(b);
    host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
    expect((await host.waitFor('welcome')).session.code).toBe(hosted.code);
    expect(Date.now() - startedAt).toBeLessThan(1_000);
    const guest = await connect(b);
    guest.hello({ intent: 'resume', token: gil.welcome.resumeToken });
    expect((await guest.waitFor('welcome')).you.id).toBe(gil.id);
    host.sendFrame(CHANNELS.doc, 0, new Uint8Array([5]));
    expect((await guest.waitForFrame()).from).toBe(hosted.welcome.you.id);
  }, PROCESS_TEST_MS);
});
