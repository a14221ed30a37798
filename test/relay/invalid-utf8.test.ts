import { describe, expect, it } from 'vitest';
import { createSession, expectRelayStillServes, joinSession, startRelay } from './support/fixture';

describe('a text frame that is not UTF-8', () => {
  it('is closed 1007 by the WebSocket layer (as docs/protocol.md says); the member is held, others are served', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 5_000 } });
    const hosted = await createSession(relay);
    const { guest, id } = await joinSession(relay, hosted, 'Mallory');
    guest.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await guest.waitForClose()).code).toBe(1007);
    expect(await hosted.host.waitFor('member-reconnecting')).toEqual({ type: 'member-reconnecting', memberId: id });
    await expectRelayStillServes(relay);
  });
});
