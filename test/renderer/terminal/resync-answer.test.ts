import { describe, expect, it, vi } from 'vitest';
import { catchUpMessage, resyncAnswer } from '../../../src/renderer/terminal/catch-up-answer';
import { ResyncResponder } from '../../../src/renderer/terminal/resync-responder';
import type { TerminalCatchUp } from '../../../src/shared/host-api';
import { FRAME_HEADER_BYTES } from '../../../src/shared/protocol';
import { encodeTerminalMessage, type TerminalMessage } from '../../../src/shared/protocol/terminal/terminal-wire';

const frameSize = (message: TerminalMessage) => FRAME_HEADER_BYTES + encodeTerminalMessage(message).byteLength;

describe('resyncAnswer', () => {
  it('splits a long byte answer into consecutive pieces that each fit in a frame', () => {
    const data = new Uint8Array(300_000).map((_, i) => i % 251);
    const messages = resyncAnswer({ kind: 'bytes', seq: 1000, data }, 100_000);
    expect(messages.length).toBeGreaterThan(1);
    let seq = 1000;
    const joined = new Uint8Array(data.byteLength);
    for (const message of messages) {
      if (message.kind !== 'output') throw new Error('expected output');
      expect(message.seq).toBe(seq);
      expect(frameSize(message)).toBeLessThanOrEqual(100_000);
      joined.set(message.data, seq - 1000);
      seq += message.data.byteLength;
    }
    expect(seq).toBe(1000 + data.byteLength);
    expect(Buffer.from(joined).equals(Buffer.from(data))).toBe(true);
  });

  it('answers "nothing new" with one empty piece, so the guest stops waiting', () => {
    expect(resyncAnswer({ kind: 'bytes', seq: 42, data: new Uint8Array() }, 1 << 20)).toEqual([
      { kind: 'output', seq: 42, data: new Uint8Array() },
    ]);
  });

  it('keeps a snapshot that fits as it is', () => {
    const snapshot: TerminalCatchUp = { kind: 'snapshot', seq: 7, cols: 80, rows: 24, data: 'a\r\nb' };
    expect(resyncAnswer(snapshot, 1 << 20)).toEqual([{ ...snapshot }]);
  });

  it('cuts the oldest lines of a snapshot too big for a frame, at a line start', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ✓`);
    const snapshot: TerminalCatchUp = { kind: 'snapshot', seq: 7, cols: 80, rows: 24, data: lines.join('\r\n') };
    const [message] = resyncAnswer(snapshot, 10_000);
    if (message?.kind !== 'snapshot') throw new Error('expected a snapshot');
    expect(frameSize(message)).toBeLessThanOrEqual(10_000);
    expect(message.data.startsWith('line ')).toBe(true);
    expect(message.data.endsWith('line 1999 ✓')).toBe(true);
    expect(message.seq).toBe(7);
  });

  it('reads the host view catch-up as a follower message', () => {
    const data = new Uint8Array([104, 105]);
    expect(catchUpMessage({ kind: 'bytes', seq: 3, data })).toEqual({ kind: 'output', seq: 3, data });
  });
});

describe('ResyncResponder', () => {
  function setup(catchUp: (seq: number) => Promise<TerminalCatchUp>) {
    const sent: { to: number; message: TerminalMessage }[] = [];
    const errors: unknown[] = [];
    const responder = new ResyncResponder({
      catchUp,
      send: (to, message) => sent.push({ to, message }),
      maxFrameBytes: () => 1 << 20,
      onError: (error) => errors.push(error),
    });
    return { responder, sent, errors };
  }

  it('answers each member on its own', async () => {
    const { responder, sent } = setup(async (seq) => ({ kind: 'bytes', seq, data: new Uint8Array([seq]) }));
    responder.request(2, 5);
    responder.request(3, 9);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent.map((s) => s.to).sort()).toEqual([2, 3]);
  });

  it('collapses a burst of requests from one member into one more answer', async () => {
    const catchUp = vi.fn(async (seq: number): Promise<TerminalCatchUp> => ({ kind: 'bytes', seq, data: new Uint8Array() }));
    const { responder, sent } = setup(catchUp);
    for (let i = 0; i < 50; i++) responder.request(2, 100 + i);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(catchUp).toHaveBeenCalledTimes(2);
    expect(catchUp.mock.calls.map(([seq]) => seq)).toEqual([100, 101]);
  });

  it('reports a failed catch-up and keeps answering later requests', async () => {
    let fail = true;
    const { responder, sent, errors } = setup(async (seq) => {
      if (fail) throw new Error('host busy');
      return { kind: 'bytes', seq, data: new Uint8Array() };
    });
    responder.request(2, 0);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    fail = false;
    responder.request(2, 0);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });

  it('sends nothing for a member who left meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { responder, sent } = setup(async (seq) => {
      await gate;
      return { kind: 'bytes', seq, data: new Uint8Array() };
    });
    responder.request(2, 0);
    responder.forget(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([]);
  });
});
