import { describe, expect, it } from 'vitest';
import { CHANNELS, FRAME_HEADER_BYTES, MAX_CHANNEL_ID, channelName, decodeFrame, encodeFrame, frameProblem } from '../../../src/shared/protocol';

describe('data frames', () => {
  it('round-trip channel, sender, target and payload', () => {
    const payload = new Uint8Array([1, 2, 3, 250]);
    const bytes = encodeFrame(CHANNELS.terminalOut, 0xdeadbeef, payload, 42);
    expect(bytes.byteLength).toBe(FRAME_HEADER_BYTES + 4);
    const frame = decodeFrame(bytes);
    expect(frame).toEqual({ channel: CHANNELS.terminalOut, from: 42, to: 0xdeadbeef, payload });
  });

  it('decode without copying the payload', () => {
    const bytes = encodeFrame(CHANNELS.doc, 0, new Uint8Array([7, 8]));
    const frame = decodeFrame(bytes);
    if (typeof frame === 'string') throw new Error(frame);
    expect(frame.payload.buffer).toBe(bytes.buffer);
  });

  it('read frames that sit at an offset inside a larger buffer', () => {
    const inner = encodeFrame(CHANNELS.chat, 3, new Uint8Array([9]), 5);
    const outer = new Uint8Array(inner.byteLength + 7);
    outer.set(inner, 7);
    expect(decodeFrame(outer.subarray(7))).toMatchObject({ channel: CHANNELS.chat, from: 5, to: 3 });
  });

  it('reject short frames and channels v1 does not define', () => {
    expect(decodeFrame(new Uint8Array(FRAME_HEADER_BYTES - 1))).toBe('bad-message');
    expect(decodeFrame(encodeFrame(0 as never, 0, new Uint8Array()))).toBe('unknown-channel');
    expect(decodeFrame(encodeFrame((MAX_CHANNEL_ID + 1) as never, 0, new Uint8Array()))).toBe('unknown-channel');
  });

  it('frameProblem says what decodeFrame would, for every channel byte and short lengths', () => {
    for (let channel = 0; channel < 256; channel++) {
      for (const length of [0, 1, FRAME_HEADER_BYTES - 1, FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + 3]) {
        const bytes = new Uint8Array(length);
        if (length > 0) bytes[0] = channel;
        const decoded = decodeFrame(bytes);
        expect(frameProblem(bytes), `channel ${channel}, ${length} bytes`).toBe(typeof decoded === 'string' ? decoded : undefined);
      }
    }
    expect(frameProblem(encodeFrame(CHANNELS.doc, 0, new Uint8Array([1])))).toBeUndefined();
  });

  it('name every channel', () => {
    for (const [name, id] of Object.entries(CHANNELS)) expect(channelName(id)).toBe(name);
    expect(channelName(MAX_CHANNEL_ID + 1)).toBeUndefined();
  });
});
