import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES, HOST_ONLY, MAX_CHANNEL_ID } from '../../src/shared/protocol';
import { createSession, expectRelayStillServes, joinSession, pause, startRelay } from './support/fixture';

/** A session with one guest; the test makes the guest misbehave. */
async function sessionWithGuest() {
  const relay = await startRelay({ limits: { reconnectGraceMs: 5_000 } });
  const hosted = await createSession(relay);
  const joined = await joinSession(relay, hosted, 'Mallory');
  return { relay, hosted, ...joined };
}

describe('bad input closes only the offender', () => {
  it('random bytes shorter than a frame header close with 4000 bad-message', async () => {
    const { relay, hosted, guest, id } = await sessionWithGuest();
    guest.sendRaw(randomBytes(5));
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['bad-message'], reason: 'bad-message' });
    // The offender's place is held like any drop: it may come back.
    expect(await hosted.host.waitFor('member-reconnecting')).toEqual({ type: 'member-reconnecting', memberId: id });
    await expectRelayStillServes(relay);
  });

  it('random bytes naming an undefined channel close with 4014 unknown-channel', async () => {
    const { relay, guest } = await sessionWithGuest();
    const bytes = randomBytes(64);
    bytes[0] = 0xff;
    guest.sendRaw(bytes);
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['unknown-channel'], reason: 'unknown-channel' });
    await expectRelayStillServes(relay);
  });

  it('channel 0 (control) and the first channel past v1 are unknown channels', async () => {
    for (const channel of [CHANNELS.control, MAX_CHANNEL_ID + 1]) {
      const { relay, guest } = await sessionWithGuest();
      guest.sendFrame(channel, 0, new Uint8Array([1]));
      expect((await guest.waitForClose()).code).toBe(CLOSE_CODES['unknown-channel']);
      await expectRelayStillServes(relay);
    }
  });

  it('text that is not JSON closes with 4000 bad-message', async () => {
    const { relay, guest } = await sessionWithGuest();
    guest.sendRaw('{"type": "ping", t: 1');
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['bad-message'], reason: 'bad-message' });
    await expectRelayStillServes(relay);
  });

  it('JSON of the wrong shape closes with 4000 bad-message', async () => {
    for (const message of [
      42,
      null,
      [],
      'ping',
      { type: 'teleport' },
      { type: 'ping' },
      { type: 'ping', t: 'now' },
      { type: 'admit', memberId: 'everyone' },
      { type: 'admit', memberId: 0 },
      { type: 'admit', memberId: 2 ** 32 },
      { type: 'set-permissions', memberId: 5, permissions: { terminalInput: 'yes' } },
      { type: 'leave', reason: 'bye' },
    ]) {
      const { relay, guest } = await sessionWithGuest();
      guest.send(message);
      expect((await guest.waitForClose()).code, JSON.stringify(message)).toBe(CLOSE_CODES['bad-message']);
      await expectRelayStillServes(relay);
    }
  });

  it('every host-only command from a guest gets not-host and the guest stays connected', async () => {
    const { relay, hosted, guest, id } = await sessionWithGuest();
    const examples: Record<string, unknown> = {
      admit: { type: 'admit', memberId: id },
      deny: { type: 'deny', memberId: id },
      remove: { type: 'remove', memberId: hosted.welcome.you.id },
      'set-permissions': { type: 'set-permissions', memberId: id, permissions: { terminalInput: true } },
      'set-auto-admit': { type: 'set-auto-admit', on: true },
      'end-session': { type: 'end-session' },
    };
    expect(Object.keys(examples).sort()).toEqual([...HOST_ONLY].sort());
    for (const command of Object.values(examples)) {
      guest.send(command);
      expect(await guest.waitFor('error')).toEqual({ type: 'error', code: 'not-host', message: expect.any(String) });
    }
    await pause(50);
    expect(hosted.host.types()).toEqual(['welcome', 'knock', 'member-joined']);
    guest.sendFrame(CHANNELS.doc, 0, new Uint8Array([1]));
    await hosted.host.waitForFrame();
    await expectRelayStillServes(relay);
  });
});
