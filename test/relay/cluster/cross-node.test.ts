import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES } from '../../../src/shared/protocol';
import type { RelayProcess } from '../../support/processes';
import { connect, createSession, joinSession } from '../support/fixture';
import { clusterOf } from './cluster-of';

const PROCESS_TEST_MS = 60_000;

/** Three relay processes joined by one Redis. */
async function threeNodes(): Promise<[RelayProcess, RelayProcess, RelayProcess]> {
  const { nodes } = await clusterOf(3);
  return nodes as [RelayProcess, RelayProcess, RelayProcess];
}

describe('relay cluster: one session across three nodes', () => {
  it('host on A, guests on B and C: admission, presence, doc, chat, terminal with permissions, run state', async () => {
    const [a, b, c] = await threeNodes();
    const hosted = await createSession(a);
    const gil = await joinSession(b, hosted, 'Gil');
    const ida = await joinSession(c, hosted, 'Ida');
    expect(ida.welcome.members.map((m) => [m.name, m.connection])).toEqual([
      ['Hana', 'online'],
      ['Gil', 'online'],
      ['Ida', 'online'],
    ]);
    await gil.guest.waitFor('member-joined', (m) => m.member.id === ida.id);

    // Doc and chat from a guest on B reach the host on A and the guest on C, stamped with its id.
    gil.guest.sendFrame(CHANNELS.doc, 0, new Uint8Array([0, 1, 2]));
    for (const peer of [hosted.host, ida.guest]) {
      const frame = await peer.waitForFrame((f) => f.channel === CHANNELS.doc);
      expect([frame.from, ...frame.payload]).toEqual([gil.id, 0, 1, 2]);
    }
    ida.guest.sendFrame(CHANNELS.chat, gil.id, new Uint8Array([7]));
    expect((await gil.guest.waitForFrame((f) => f.channel === CHANNELS.chat)).from).toBe(ida.id);

    // Terminal output from the host reaches both; a guest's input needs the host's grant.
    hosted.host.sendFrame(CHANNELS.terminalOut, 0, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0, 65]));
    await gil.guest.waitForFrame((f) => f.channel === CHANNELS.terminalOut);
    await ida.guest.waitForFrame((f) => f.channel === CHANNELS.terminalOut);
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, new Uint8Array([108]));
    expect((await gil.guest.waitFor('error')).code).toBe('no-permission');
    hosted.host.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: true } });
    await gil.guest.waitFor('permissions-changed');
    await ida.guest.waitFor('permissions-changed');
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, new Uint8Array([115]));
    const keys = await hosted.host.waitForFrame((f) => f.channel === CHANNELS.terminalIn);
    expect([keys.from, ...keys.payload]).toEqual([gil.id, 115]);
    // Guests cannot send terminal output, wherever they are.
    ida.guest.sendFrame(CHANNELS.terminalOut, 0, new Uint8Array([1, 2]));
    expect((await ida.guest.waitFor('error')).code).toBe('not-host');

    // Run state from the host; a run request from a guest goes to the host only.
    hosted.host.sendFrame(CHANNELS.run, 0, new TextEncoder().encode('{"type":"state"}'));
    await gil.guest.waitForFrame((f) => f.channel === CHANNELS.run);
    await ida.guest.waitForFrame((f) => f.channel === CHANNELS.run);
    ida.guest.sendFrame(CHANNELS.run, hosted.welcome.you.id, new TextEncoder().encode('{"type":"run"}'));
    expect((await hosted.host.waitForFrame((f) => f.channel === CHANNELS.run)).from).toBe(ida.id);

    // Presence: a drop on C is seen on A and B, and the resume (on B this time) is seen as back.
    ida.guest.terminate();
    await hosted.host.waitFor('member-reconnecting', (m) => m.memberId === ida.id);
    await gil.guest.waitFor('member-reconnecting', (m) => m.memberId === ida.id);
    const back = await connect(b);
    back.hello({ intent: 'resume', token: ida.welcome.resumeToken });
    expect((await back.waitFor('welcome')).you.id).toBe(ida.id);
    await hosted.host.waitFor('member-back', (m) => m.memberId === ida.id);

    // The host removes the guest on B: it is closed 4006 there, and nobody else can use its token anywhere.
    hosted.host.send({ type: 'remove', memberId: gil.id });
    expect((await gil.guest.waitForClose()).code).toBe(CLOSE_CODES.removed);
    for (const node of [a, b, c]) {
      const again = await connect(node);
      again.hello({ intent: 'resume', token: gil.welcome.resumeToken });
      expect((await again.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
    }

    // The host ends the session from A: the guest on B (resumed Ida) is told and closed.
    hosted.host.send({ type: 'end-session' });
    expect((await back.waitFor('session-ended')).reason).toBe('host-ended');
    expect((await back.waitForClose()).code).toBe(CLOSE_CODES['session-ended']);
    const late = await connect(c);
    late.hello({ intent: 'join', code: hosted.code, name: 'Late' });
    expect((await late.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
  }, PROCESS_TEST_MS);

  it('a knocking joiner on B waits for the host on A, and can cancel', async () => {
    const [a, b] = await threeNodes();
    const hosted = await createSession(a);
    const joiner = await connect(b);
    joiner.hello({ intent: 'join', code: hosted.code, name: 'Jo' });
    await joiner.waitFor('lobby');
    const knock = await hosted.host.waitFor('knock');
    joiner.send({ type: 'leave' });
    expect((await hosted.host.waitFor('knock-withdrawn')).memberId).toBe(knock.memberId);
    expect((await joiner.waitForClose()).code).toBe(CLOSE_CODES.left);
    const denied = await connect(b);
    denied.hello({ intent: 'join', code: hosted.code, name: 'Den' });
    const second = await hosted.host.waitFor('knock', (k) => k.name === 'Den');
    hosted.host.send({ type: 'deny', memberId: second.memberId });
    expect((await denied.waitForClose()).code).toBe(CLOSE_CODES.denied);
  }, PROCESS_TEST_MS);
});
