import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelId } from '../../src/shared/protocol';
import { createSession, joinSession, pause, startRelay } from './support/fixture';

/** Channels any admitted member may send on, to everyone or to one member. */
const OPEN_CHANNELS: ChannelId[] = [CHANNELS.doc, CHANNELS.chat, CHANNELS.run, CHANNELS.terminalSync];

async function threeMembers() {
  const relay = await startRelay();
  const hosted = await createSession(relay);
  const gil = await joinSession(relay, hosted, 'Gil');
  const ida = await joinSession(relay, hosted, 'Ida');
  return { relay, hosted, host: hosted.host, hostId: hosted.welcome.you.id, gil, ida };
}

describe('routing of data frames', () => {
  it('broadcasts on every open channel to every other member, bytes unchanged and from stamped', async () => {
    const { host, hostId, gil, ida } = await threeMembers();
    for (const channel of OPEN_CHANNELS) {
      const payload = randomBytes(100 + channel);
      gil.guest.sendFrame(channel, 0, payload);
      for (const receiver of [host, ida.guest]) {
        const frame = await receiver.waitForFrame((f) => f.channel === channel);
        expect(frame).toMatchObject({ channel, from: gil.id, to: 0 });
        expect(Buffer.from(frame.payload).equals(payload)).toBe(true);
      }
    }
    // Terminal output: from the host to everyone.
    const output = Buffer.from('\x1b[32mok\x1b[0m\r\n');
    host.sendFrame(CHANNELS.terminalOut, 0, output);
    for (const receiver of [gil.guest, ida.guest]) {
      const frame = await receiver.waitForFrame((f) => f.channel === CHANNELS.terminalOut);
      expect(frame.from).toBe(hostId);
      expect(Buffer.from(frame.payload).equals(output)).toBe(true);
    }
    await pause(50);
    // Nobody hears their own frames.
    expect(gil.guest.frames.filter((f) => f.from === gil.id)).toEqual([]);
    expect(host.frames.filter((f) => f.from === hostId)).toEqual([]);
  });

  it('unicasts on every channel to exactly the named member', async () => {
    const { host, hostId, gil, ida } = await threeMembers();
    for (const channel of OPEN_CHANNELS) {
      ida.guest.sendFrame(channel, gil.id, new Uint8Array([channel, 7]));
      const frame = await gil.guest.waitForFrame((f) => f.channel === channel);
      expect(frame).toMatchObject({ channel, from: ida.id, to: gil.id });
      expect([...frame.payload]).toEqual([channel, 7]);
    }
    host.sendFrame(CHANNELS.terminalOut, ida.id, new Uint8Array([9]));
    expect(await ida.guest.waitForFrame()).toMatchObject({ channel: CHANNELS.terminalOut, from: hostId, to: ida.id });
    await pause(50);
    expect(host.frames).toEqual([]);
    expect(gil.guest.frames.map((f) => f.channel)).toEqual(OPEN_CHANNELS);
    expect(ida.guest.frames.map((f) => f.channel)).toEqual([CHANNELS.terminalOut]);
  });

  it('a client cannot forge from: the relay overwrites it', async () => {
    const { host, gil } = await threeMembers();
    const forged = new Uint8Array([CHANNELS.chat, 0, 0, 0, 1, 0, 0, 0, 0, 42]);
    gil.guest.sendRaw(forged);
    expect((await host.waitForFrame()).from).toBe(gil.id);
  });

  it('an empty payload is a valid frame', async () => {
    const { host, gil } = await threeMembers();
    gil.guest.sendFrame(CHANNELS.doc, 0, new Uint8Array());
    expect((await host.waitForFrame()).payload.byteLength).toBe(0);
  });

  it('a unicast to an unknown member is dropped with unknown-member; the connection stays', async () => {
    const { host, gil, ida } = await threeMembers();
    gil.guest.sendFrame(CHANNELS.doc, 424242, new Uint8Array([1]));
    expect(await gil.guest.waitFor('error')).toMatchObject({ type: 'error', code: 'unknown-member' });
    gil.guest.sendFrame(CHANNELS.doc, ida.id, new Uint8Array([2]));
    expect([...(await ida.guest.waitForFrame()).payload]).toEqual([2]);
    expect(host.frames).toEqual([]);
  });
});
