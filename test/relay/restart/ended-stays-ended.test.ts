import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { connect, createSession, joinSession } from '../support/fixture';
import { startCrashableRelay } from './killed-relay';

const PROCESS_TEST_MS = 60_000;

describe('a relay killed with SIGKILL and restarted on its data dir', () => {
  it(
    'keeps an ended session ended: the host token, the code and the guest tokens are all refused',
    async () => {
      const relay = await startCrashableRelay();
      const hosted = await createSession(relay.current);
      const gil = await joinSession(relay.current, hosted, 'Gil');
      hosted.host.send({ type: 'end-session' });
      expect((await gil.guest.waitForClose()).code).toBe(CLOSE_CODES['session-ended']);

      const restarted = await relay.crashAndRestart();

      const host = await connect(restarted);
      host.hello({ intent: 'resume', token: hosted.welcome.resumeToken });
      expect(await host.waitForClose()).toEqual({ code: CLOSE_CODES['session-ended'], reason: 'session-ended' });
      const joiner = await connect(restarted);
      joiner.hello({ intent: 'join', code: hosted.code, name: 'Late' });
      expect((await joiner.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
      const guest = await connect(restarted);
      guest.hello({ intent: 'resume', token: gil.welcome.resumeToken });
      expect((await guest.waitForClose()).code).toBe(CLOSE_CODES['session-ended']);

      // A session that timed out (host gone past the grace period) stays over too.
      const short = await startCrashableRelay(['--grace-ms', '200']);
      const lapsed = await createSession(short.current);
      lapsed.host.terminate();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const afterCrash = await short.crashAndRestart();
      const back = await connect(afterCrash);
      back.hello({ intent: 'resume', token: lapsed.welcome.resumeToken });
      expect((await back.waitForClose()).code).toBe(CLOSE_CODES['session-ended']);
    },
    PROCESS_TEST_MS,
  );
});
