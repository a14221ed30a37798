import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES } from '../../../src/shared/protocol';
import { connect, createSession, joinSession } from '../support/fixture';
import type { RawClient } from '../support/raw-client';
import { clusterOf } from './cluster-of';

const PROCESS_TEST_MS = 90_000;

/** A frame from `from` reaches `to`, stamped with `fromId`. */
async function exchanges(from: RawClient, to: RawClient, fromId: number, marker: number): Promise<void> {
  from.sendFrame(CHANNELS.doc, 0, new Uint8Array([marker]));
  const frame = await to.waitForFrame((f) => f.channel === CHANNELS.doc && f.payload[0] === marker, 10_000);
  expect(frame.from).toBe(fromId);
}

describe('relay cluster: a node dies (SIGKILL)', () => {
  it(
    'a guest on a dead non-owner node resumes on another node; the others see it reconnecting, then back',
    async () => {
      const { nodes } = await clusterOf(3, ['--grace-ms', '20000']);
      const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
      const hosted = await createSession(a);
      const gil = await joinSession(b, hosted, 'Gil');
      const ida = await joinSession(c, hosted, 'Ida');

      await b.kill();
      expect((await gil.guest.waitForClose()).code).toBe(1006);
      // The owner notices B's liveness key expire and holds Gil as reconnecting.
      await hosted.host.waitFor('member-reconnecting', (m) => m.memberId === gil.id, 10_000);
      await ida.guest.waitFor('member-reconnecting', (m) => m.memberId === gil.id, 10_000);

      const again = await connect(c);
      again.hello({ intent: 'resume', token: gil.welcome.resumeToken });
      const welcome = await again.waitFor('welcome', undefined, 10_000);
      expect(welcome).toMatchObject({ resumed: true, you: { id: gil.id }, session: { code: hosted.code } });
      await hosted.host.waitFor('member-back', (m) => m.memberId === gil.id);
      await exchanges(again, hosted.host, gil.id, 1);
      await exchanges(hosted.host, again, hosted.welcome.you.id, 2);
      await exchanges(again, ida.guest, gil.id, 3);
    },
    PROCESS_TEST_MS,
  );

  it(
    'the owner node dies: the host resumes on another node, which takes the session over from its record; the same code goes on',
    async () => {
      const { nodes } = await clusterOf(3, ['--grace-ms', '20000']);
      const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
      const hosted = await createSession(a);
      const gil = await joinSession(b, hosted, 'Gil');
      const ida = await joinSession(c, hosted, 'Ida');
      hosted.host.send({ type: 'set-permissions', memberId: gil.id, permissions: { terminalInput: true } });
      await gil.guest.waitFor('permissions-changed');
      const removed = await joinSession(c, hosted, 'Rex');
      hosted.host.send({ type: 'remove', memberId: removed.id });
      await removed.guest.waitForClose();

      await a.kill();
      expect((await hosted.host.waitForClose()).code).toBe(1006);
      // Their nodes see the owner gone and let them go, to resume wherever they land.
      expect((await gil.guest.waitForClose(10_000)).code).toBe(CLOSE_CODES['session-unavailable']);
      expect((await ida.guest.waitForClose(10_000)).code).toBe(CLOSE_CODES['session-unavailable']);

      const host = await connect(b);
      host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
      const welcome = await host.waitFor('welcome', undefined, 10_000);
      expect(welcome).toMatchObject({ resumed: true, session: { id: hosted.welcome.session.id, code: hosted.code } });
      expect(welcome.members.map((m) => [m.name, m.connection])).toEqual([
        ['Hana', 'online'],
        ['Gil', 'reconnecting'],
        ['Ida', 'reconnecting'],
      ]);

      const guest = await connect(c);
      guest.hello({ intent: 'resume', token: gil.welcome.resumeToken });
      expect((await guest.waitFor('welcome', undefined, 10_000)).you).toMatchObject({ id: gil.id, permissions: { terminalInput: true } });
      await host.waitFor('member-back', (m) => m.memberId === gil.id);
      guest.sendFrame(CHANNELS.terminalIn, 0, new Uint8Array([108]));
      expect((await host.waitForFrame((f) => f.channel === CHANNELS.terminalIn, 10_000)).from).toBe(gil.id);
      await exchanges(host, guest, hosted.welcome.you.id, 4);

      // Nothing the host decided is forgotten: the removed guest stays out, wherever it tries.
      for (const node of [b, c]) {
        const rex = await connect(node);
        rex.hello({ intent: 'resume', token: removed.welcome.resumeToken });
        expect((await rex.waitForClose(10_000)).code).toBe(CLOSE_CODES['unknown-code']);
      }
      // And the same code still lets people knock, from any node.
      const joiner = await connect(c);
      joiner.hello({ intent: 'join', code: hosted.code, name: 'New' });
      await joiner.waitFor('lobby', undefined, 10_000);
      expect((await host.waitFor('knock', undefined, 10_000)).name).toBe('New');
    },
    PROCESS_TEST_MS,
  );
});
