import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, startRelay } from './support/fixture';
import type { RawClient } from './support/raw-client';

async function knock(url: string, code: string, name: string, localAddress: string): Promise<{ client: RawClient; outcome: 'lobby' | number }> {
  const client = await connect(url, { localAddress });
  client.hello({ intent: 'join', code, name });
  const outcome = await Promise.race([client.waitFor('lobby').then(() => 'lobby' as const), client.closed.then((c) => c.code)]);
  return { client, outcome };
}

describe('the lobby under a knock flood', () => {
  it('one address may have maxKnocksPerIp knocks waiting (4018 after), across sessions', async () => {
    const relay = await startRelay({ limits: { maxKnocksPerIp: 2 } });
    const a = await createSession(relay, 'A');
    const b = await createSession(relay, 'B');
    expect((await knock(relay.url, a.code, 'x1', '127.0.0.20')).outcome).toBe('lobby');
    expect((await knock(relay.url, b.code, 'x2', '127.0.0.20')).outcome).toBe('lobby');
    const third = await knock(relay.url, a.code, 'x3', '127.0.0.20');
    expect(third.outcome).toBe(CLOSE_CODES['too-many-knocks']);
    expect((await third.client.closed).reason).toBe('too-many-knocks');
    // Another address is not affected.
    expect((await knock(relay.url, a.code, 'y', '127.0.0.21')).outcome).toBe('lobby');
  });

  it('a lobby filled from a few addresses still takes the real candidate, who displaces a flooder and is admitted', async () => {
    const relay = await startRelay({ limits: { maxLobbyPerSession: 6, maxKnocksPerIp: 3 } });
    const hosted = await createSession(relay);
    const flood: RawClient[] = [];
    for (let i = 0; i < 6; i++) {
      const { client, outcome } = await knock(relay.url, hosted.code, `bot ${i}`, `127.0.0.${30 + (i % 2)}`);
      expect(outcome).toBe('lobby');
      flood.push(client);
    }
    // Full, and the flooding addresses cannot push in more.
    expect((await knock(relay.url, hosted.code, 'bot 7', '127.0.0.30')).outcome).toBe(CLOSE_CODES['too-many-knocks']);

    const candidate = await knock(relay.url, hosted.code, 'Candidate', '127.0.0.40');
    expect(candidate.outcome).toBe('lobby');
    const displaced = await Promise.race(flood.map((client) => client.closed));
    expect(displaced).toEqual({ code: CLOSE_CODES['lobby-full'], reason: 'lobby-full' });
    const theirKnock = await hosted.host.waitFor('knock', (k) => k.name === 'Candidate');
    hosted.host.send({ type: 'admit', memberId: theirKnock.memberId });
    expect((await candidate.client.waitFor('welcome')).you.name).toBe('Candidate');
  });

  it('knocks from as many addresses as the lobby has places fill it: the next one is told 4017 lobby-full', async () => {
    const relay = await startRelay({ limits: { maxLobbyPerSession: 4 } });
    const hosted = await createSession(relay);
    for (let i = 0; i < 4; i++) expect((await knock(relay.url, hosted.code, `k${i}`, `127.0.0.${50 + i}`)).outcome).toBe('lobby');
    const late = await knock(relay.url, hosted.code, 'late', '127.0.0.60');
    expect(late.outcome).toBe(CLOSE_CODES['lobby-full']);
  });
});
