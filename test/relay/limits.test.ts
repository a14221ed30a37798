import { describe, expect, it } from 'vitest';
import { CHANNELS, CLOSE_CODES, type RelayMessageOf } from '../../src/shared/protocol';
import type { RawClient } from './support/raw-client';
import {
  connect,
  createSession,
  expectRelayStillServes,
  expectSessionStillWorks,
  joinSession,
  startRelay,
} from './support/fixture';

describe('limits: each one closes the offender with its code, and only the offender', () => {
  it('a message over maxFrameBytes closes with 1009 and the member is held as reconnecting', async () => {
    const relay = await startRelay({ limits: { maxFrameBytes: 1024, maxControlBytes: 512, reconnectGraceMs: 5_000 } });
    const hosted = await createSession(relay);
    const { guest, id } = await joinSession(relay, hosted);
    guest.sendFrame(CHANNELS.doc, 0, new Uint8Array(1024));
    expect((await guest.waitForClose()).code).toBe(CLOSE_CODES['too-big']);
    expect(await hosted.host.waitFor('member-reconnecting')).toEqual({ type: 'member-reconnecting', memberId: id });
    expect(hosted.host.frames).toEqual([]);
    await expectRelayStillServes(relay);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/duet_relay_closes_total\{reason="too-big"\} 1/);
  });

  it('a frame of exactly maxFrameBytes passes', async () => {
    const relay = await startRelay({ limits: { maxFrameBytes: 1024, maxControlBytes: 512 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    guest.sendFrame(CHANNELS.doc, 0, new Uint8Array(1024 - 9));
    expect((await hosted.host.waitForFrame()).payload.byteLength).toBe(1024 - 9);
  });

  it('a control message over maxControlBytes closes with 1009 too-big', async () => {
    const relay = await startRelay({ limits: { maxFrameBytes: 4096, maxControlBytes: 512 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    guest.send({ type: 'ping', t: 1, padding: 'x'.repeat(600) });
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['too-big'], reason: 'too-big' });
    await expectRelayStillServes(relay);
  });

  it('an oversized hello closes with 1009 too (before any session exists)', async () => {
    const relay = await startRelay({ limits: { maxFrameBytes: 4096, maxControlBytes: 512 } });
    const client = await connect(relay);
    client.send({ type: 'hello', v: 1, name: 'x', intent: 'resume', token: 'y'.repeat(1000) });
    expect((await client.waitForClose()).code).toBe(CLOSE_CODES['too-big']);
  });

  it('a control-message flood past the per-connection bucket closes with 4008 rate-limited', async () => {
    const relay = await startRelay({ limits: { messagesPerSecond: 20, messageBurst: 40 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    for (let i = 0; i < 200; i++) guest.send({ type: 'ping', t: i });
    expect(await guest.waitForClose()).toEqual({ code: CLOSE_CODES['rate-limited'], reason: 'rate-limited' });
    // About the burst was answered (plus what refilled meanwhile); nothing after the limit hit.
    const pongs = guest.messages.filter((m) => m.type === 'pong').length;
    expect(pongs).toBeGreaterThanOrEqual(30);
    expect(pongs).toBeLessThan(60);
    await expectSessionStillWorks(relay, hosted);
  });

  it('a connection within its rate is never limited', async () => {
    const relay = await startRelay({ limits: { messagesPerSecond: 200, messageBurst: 10 } });
    const hosted = await createSession(relay);
    const { guest } = await joinSession(relay, hosted);
    for (let i = 0; i < 30; i++) {
      guest.sendFrame(CHANNELS.doc, 0, new Uint8Array([i]));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await hosted.host.waitForFrame((f) => f.payload[0] === 29);
    expect(hosted.host.frames).toHaveLength(30);
  });

  it('too many hellos from one IP close with 4008 rate-limited; other IPs are unaffected', async () => {
    const relay = await startRelay({ trustProxy: true, limits: { joinsPerMinute: 3 } });
    const flooder = { headers: { 'x-forwarded-for': '203.0.113.9' } };
    for (let i = 0; i < 3; i++) {
      const client = await connect(relay, flooder);
      client.hello({ intent: 'join', code: 'AAAA-BBBB-CCCC' });
      expect((await client.waitForClose()).code).toBe(CLOSE_CODES['unknown-code']);
    }
    const blocked = await connect(relay, flooder);
    blocked.hello({ intent: 'create' });
    expect(await blocked.waitForClose()).toEqual({ code: CLOSE_CODES['rate-limited'], reason: 'rate-limited' });
    // Another client IP (through the same proxy) is still welcome.
    const other = await connect(relay, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.7' } });
    other.hello({ intent: 'create' });
    await other.waitFor('welcome');
  });

  it('the X-Forwarded-For header is ignored unless trustProxy is on', async () => {
    const relay = await startRelay({ limits: { joinsPerMinute: 2 } });
    for (const ip of ['198.51.100.1', '198.51.100.2']) {
      const client = await connect(relay, { headers: { 'x-forwarded-for': ip } });
      client.hello({ intent: 'create' });
      await client.waitFor('welcome');
    }
    const third = await connect(relay, { headers: { 'x-forwarded-for': '198.51.100.3' } });
    third.hello({ intent: 'create' });
    expect((await third.waitForClose()).code).toBe(CLOSE_CODES['rate-limited']);
  });

  it('a session at maxMembersPerSession admitted members closes further joiners with 4010 session-full; knocks do not count', async () => {
    const relay = await startRelay({ limits: { maxMembersPerSession: 3 } });
    const hosted = await createSession(relay);
    // Waiting knocks take no member place: two can wait while a member is admitted.
    const knocks: { knocking: RawClient; knock: RelayMessageOf<'knock'> }[] = [];
    for (const name of ['First', 'Second']) {
      const knocking = await connect(relay);
      knocking.hello({ intent: 'join', code: hosted.code, name });
      await knocking.waitFor('lobby');
      knocks.push({ knocking, knock: await hosted.host.waitFor('knock', (k) => k.name === name) });
    }
    await joinSession(relay, hosted, 'Member');
    hosted.host.send({ type: 'admit', memberId: knocks[0]!.knock.memberId });
    await knocks[0]!.knocking.waitFor('welcome');
    // Full: a new knock is refused at once, and admitting the one still waiting closes it.
    const extra = await connect(relay);
    extra.hello({ intent: 'join', code: hosted.code, name: 'Extra' });
    expect(await extra.waitForClose()).toEqual({ code: CLOSE_CODES['session-full'], reason: 'session-full' });
    hosted.host.send({ type: 'admit', memberId: knocks[1]!.knock.memberId });
    expect(await knocks[1]!.knocking.waitForClose()).toEqual({ code: CLOSE_CODES['session-full'], reason: 'session-full' });
    await hosted.host.waitFor('knock-withdrawn', (k) => k.memberId === knocks[1]!.knock.memberId);
    // Room frees up when a member leaves.
    knocks[0]!.knocking.send({ type: 'leave' });
    await hosted.host.waitFor('member-left');
    await expectSessionStillWorks(relay, hosted, 'Next');
    await expectRelayStillServes(relay);
  });

  it('a relay at maxSessions closes further creates with 4011 relay-full; existing sessions keep working', async () => {
    const relay = await startRelay({ limits: { maxSessions: 2 } });
    const first = await createSession(relay, 'First');
    await createSession(relay, 'Second');
    const third = await connect(relay);
    third.hello({ intent: 'create', name: 'Third' });
    expect(await third.waitForClose()).toEqual({ code: CLOSE_CODES['relay-full'], reason: 'relay-full' });
    await expectSessionStillWorks(relay, first);
    // Ending a session makes room.
    first.host.send({ type: 'end-session' });
    await first.host.waitForClose();
    await createSession(relay, 'Fourth');
  });
});
