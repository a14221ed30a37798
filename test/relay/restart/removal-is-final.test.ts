import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { connect, createSession, joinSession, pause } from '../support/fixture';
import { startCrashableRelay } from './killed-relay';

const PROCESS_TEST_MS = 60_000;

describe('a relay killed with SIGKILL and restarted on its data dir', () => {
  it(
    'never lets a guest the host removed, or one who left, back in with their old tokens',
    async () => {
      const relay = await startCrashableRelay();
      const hosted = await createSession(relay.current);
      const removed = await joinSession(relay.current, hosted, 'Rex');
      const left = await joinSession(relay.current, hosted, 'Lea');
      const stays = await joinSession(relay.current, hosted, 'Sam');

      hosted.host.send({ type: 'remove', memberId: removed.id });
      expect((await removed.guest.waitForClose()).code).toBe(CLOSE_CODES.removed);
      left.guest.send({ type: 'leave' });
      expect((await left.guest.waitForClose()).code).toBe(CLOSE_CODES.left);
      await hosted.host.waitFor('member-left', (m) => m.memberId === left.id);

      const restarted = await relay.crashAndRestart();

      // Before the host is back: the session is rebuilt from its record, without them.
      for (const gone of [removed, left]) {
        const again = await connect(restarted);
        again.hello({ intent: 'resume', token: gone.welcome.resumeToken, name: 'again' });
        expect(await again.waitForClose()).toEqual({ code: CLOSE_CODES['unknown-code'], reason: 'unknown-code' });
      }

      const host = await connect(restarted);
      host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
      const welcome = await host.waitFor('welcome');
      expect(welcome).toMatchObject({ resumed: true, session: { code: hosted.code } });
      expect(welcome.members.map((m) => [m.id, m.connection])).toEqual([
        [hosted.welcome.you.id, 'online'],
        [stays.id, 'reconnecting'],
      ]);

      // With the host back, their tokens still fail, again and again; the host hears nothing of them.
      for (const gone of [removed, left, removed]) {
        const again = await connect(restarted);
        again.hello({ intent: 'resume', token: gone.welcome.resumeToken });
        expect((await again.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
      }
      const guest = await connect(restarted);
      guest.hello({ intent: 'resume', token: stays.welcome.resumeToken });
      expect((await guest.waitFor('welcome')).you).toMatchObject({ id: stays.id, name: 'Sam' });
      await host.waitFor('member-back', (m) => m.memberId === stays.id);
      await pause(50);
      expect(host.types().filter((t) => t === 'member-joined' || t === 'knock')).toEqual([]);
    },
    PROCESS_TEST_MS,
  );
});
