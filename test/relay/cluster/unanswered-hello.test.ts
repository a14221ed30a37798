import { createClient } from '@redis/client';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/shared/protocol';
import { connect, createSession } from '../support/fixture';
import { clusterOf } from './cluster-of';

describe('relay cluster: a forwarded hello the owner never answers', () => {
  it(
    'closes the joiner 4013 session-unavailable after the hello deadline, so it tries again, instead of leaving it waiting for ever',
    async () => {
      const { redis, nodes } = await clusterOf(2, ['--hello-deadline-ms', '2000']);
      const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
      const hosted = await createSession(a);

      // The owner stays "alive" in the registry but answers nothing: what B sees when its
      // forwarded hello is lost on the bus. A is stopped, and its liveness key kept by the test.
      const keeper = createClient({ url: redis.url });
      await keeper.connect();
      const [liveness] = await keeper.keys('duet:node:{a/*}');
      expect(liveness).toBeDefined();
      const keepAlive = setInterval(() => void keeper.set(liveness!, '1', { expiration: { type: 'PX', value: 1_500 } }), 250);
      process.kill(a.pid, 'SIGSTOP');
      try {
        const joiner = await connect(b);
        joiner.hello({ intent: 'join', code: hosted.code, name: 'Lost' });
        const closed = await joiner.waitForClose(10_000);
        expect(closed.code).toBe(CLOSE_CODES['session-unavailable']);
      } finally {
        clearInterval(keepAlive);
        process.kill(a.pid, 'SIGCONT');
        await keeper.quit();
      }
    },
    60_000,
  );
});
