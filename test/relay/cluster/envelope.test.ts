import { describe, expect, it } from 'vitest';
import { decodeEnvelope, encodeEnvelope, type Envelope } from '../../../relay/cluster/envelope';

describe('cluster envelopes', () => {
  it('round-trip every kind, frames byte for byte', () => {
    const frame = Buffer.from([1, 0, 0, 0, 7, 0, 0, 0, 0, 0xde, 0xad]);
    const envelopes: Envelope[] = [
      { kind: 'hello', conn: 1, ip: '127.0.0.9', json: '{"type":"hello","v":1}' },
      { kind: 'control', conn: 0xffff_ffff, json: '{"type":"leave"}' },
      { kind: 'frame', conn: 3, data: frame },
      { kind: 'closed', conn: 4 },
      { kind: 'send', conns: [5, 6, 7], json: '{"type":"pong","t":1}' },
      { kind: 'deliver', conns: [8], data: frame },
      { kind: 'close', conn: 9, reason: 'removed' },
      { kind: 'placed', conn: 10, phase: 'member', memberId: 1234 },
      { kind: 'placed', conn: 11, phase: 'lobby', memberId: 1 },
    ];
    for (const envelope of envelopes) expect(decodeEnvelope(encodeEnvelope(envelope))).toEqual(envelope);
  });

  it('has a fixed layout (a frame to an owner is the frame behind five bytes)', () => {
    expect(encodeEnvelope({ kind: 'frame', conn: 258, data: Buffer.from([1, 2]) })).toEqual(Buffer.from([3, 0, 0, 1, 2, 1, 2]));
    expect(encodeEnvelope({ kind: 'send', conns: [1, 2], json: '{}' })).toEqual(Buffer.from([5, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0x7b, 0x7d]));
  });

  it('refuses bytes no node wrote', () => {
    for (const bytes of [[], [1, 0, 0, 0], [99, 0, 0, 0, 1], [1, 0, 0, 0, 1, 200, 65], [5, 0, 9, 0, 0], [8, 0, 0, 0, 1, 3, 0, 0, 0, 1]]) {
      expect(decodeEnvelope(Buffer.from(bytes)), JSON.stringify(bytes)).toBeUndefined();
    }
  });
});
