import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/protocol';
import { createSession, joinSession, pause, startRelay } from './support/fixture';

/** A pino logger writing JSON lines into an array. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines, text: () => text };
}

describe('logging', () => {
  it('logs lifecycle events as JSON, never payloads, codes, tokens or names, and nothing per frame', async () => {
    const log = capture();
    const relay = await startRelay({ logger: log.logger });
    expect(log.lines.find((l) => l.msg === 'relay listening')).toMatchObject({ url: relay.url, port: relay.port, level: 30 });

    const hosted = await createSession(relay, 'Secret Host Name');
    const gil = await joinSession(relay, hosted, 'Secret Guest Name');
    await pause(20);
    const before = log.lines.length;
    const marker = new TextEncoder().encode('PAYLOAD-MARKER-1234');
    for (let i = 0; i < 200; i++) gil.guest.sendFrame(CHANNELS.chat, 0, marker);
    await hosted.host.waitForFrame();
    await pause(50);
    expect(log.lines.length).toBe(before);

    gil.guest.send({ type: 'leave' });
    await gil.guest.waitForClose();
    await pause(20);
    const messages = log.lines.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['session created', 'member joined', 'member left', 'connection closed']));
    expect(log.lines.find((l) => l.msg === 'connection closed' && l.reason === 'left')).toMatchObject({
      code: 1000,
      session: hosted.welcome.session.id,
      member: gil.id,
    });
    const text = log.text();
    for (const secret of ['PAYLOAD-MARKER', hosted.code, hosted.welcome.resumeToken, gil.welcome.resumeToken, 'Secret Host Name', 'Secret Guest Name']) {
      expect(text).not.toContain(secret);
    }
  });
});
