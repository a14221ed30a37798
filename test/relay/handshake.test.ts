import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { connect, createSession, expectRelayStillServes, expectSessionStillWorks, startRelay } from './support/fixture';

describe('handshake: hello first, once, in time, in our version', () => {
  it('no hello within the deadline closes with 4002 hello-timeout', async () => {
    const relay = await startRelay({ limits: { helloDeadlineMs: 150 } });
    const hosted = await createSession(relay);
    const silent = await connect(relay);
    const openedAt = Date.now();
    expect(await silent.waitForClose()).toEqual({ code: CLOSE_CODES['hello-timeout'], reason: 'hello-timeout' });
    expect(Date.now() - openedAt).toBeGreaterThanOrEqual(100);
    // The host, who said hello in time, is not affected by the deadline.
    await expectSessionStillWorks(relay, hosted);
  });

  it('a first message other than hello closes with 4003 hello-expected', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    for (const first of [{ type: 'ping', t: 1 }, { type: 'leave' }, { type: 'admit', memberId: 1 }]) {
      const client = await connect(relay);
      client.send(first);
      expect(await client.waitForClose()).toEqual({ code: CLOSE_CODES['hello-expected'], reason: 'hello-expected' });
    }
    const binary = await connect(relay);
    binary.sendFrame(1, 0, new Uint8Array([1, 2, 3]));
    expect((await binary.waitForClose()).code).toBe(CLOSE_CODES['hello-expected']);
    await expectSessionStillWorks(relay, hosted);
  });

  it('a second hello, from the lobby or from a member, closes with 4003 hello-expected', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay);
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: hosted.code, name: 'Twice' });
    await guest.waitFor('lobby');
    guest.hello({ intent: 'join', code: hosted.code, name: 'Twice' });
    expect((await guest.waitForClose()).code).toBe(CLOSE_CODES['hello-expected']);
    await hosted.host.waitFor('knock-withdrawn');

    hosted.host.hello({ intent: 'create', name: 'Again' });
    expect((await hosted.host.waitForClose()).code).toBe(CLOSE_CODES['hello-expected']);
    await expectRelayStillServes(relay);
  });

  it('a hello in another protocol version closes with 4001 unsupported-version', async () => {
    const relay = await startRelay();
    for (const v of [0, PROTOCOL_VERSION + 1, 99]) {
      const client = await connect(relay);
      // A future hello may carry fields v1 does not know: the version is still what is reported.
      client.send({ type: 'hello', v, name: 'Future', intent: 'create', shinyNewField: true });
      expect(await client.waitForClose()).toEqual({ code: CLOSE_CODES['unsupported-version'], reason: 'unsupported-version' });
    }
    await expectRelayStillServes(relay);
  });

  it('a malformed hello closes with 4000 bad-message', async () => {
    const relay = await startRelay();
    for (const hello of [
      { type: 'hello', v: PROTOCOL_VERSION, intent: 'create' },
      { type: 'hello', v: PROTOCOL_VERSION, name: 'x', intent: 'conquer' },
      { type: 'hello', v: PROTOCOL_VERSION, name: 'x'.repeat(257), intent: 'create' },
      { type: 'hello', v: '1', name: 'x', intent: 'create' },
      { type: 'hello', v: PROTOCOL_VERSION, name: 'x', intent: 'create', extra: 1 },
    ]) {
      const client = await connect(relay);
      client.send(hello);
      expect((await client.waitForClose()).code).toBe(CLOSE_CODES['bad-message']);
    }
    await expectRelayStillServes(relay);
  });

  it('display names are cut to the relay maxNameLength', async () => {
    const relay = await startRelay({ limits: { maxNameLength: 5 } });
    const { welcome } = await createSession(relay, 'Bartholomew');
    expect(welcome.you.name).toBe('Barth');
  });
});
