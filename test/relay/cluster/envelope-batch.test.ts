import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch, encodeEnvelope, type Envelope } from '../../../relay/cluster/envelope';

describe('cluster envelope batches (one inbox entry per node per turn)', () => {
  const envelopes: Envelope[] = [
    { kind: 'frame', conn: 3, data: Buffer.from([1, 0, 0, 0, 7, 0, 0, 0, 0, 0xde]) },
    { kind: 'send', conns: [5, 6], json: '{"type":"pong","t":1}' },
    { kind: 'closed', conn: 4 },
  ];

  it('round-trips envelopes in order, each as [length u32][envelope]', () => {
    const bytes = encodeBatch(envelopes);
    expect(decodeBatch(bytes)).toEqual(envelopes);
    const first = encodeEnvelope(envelopes[0]!);
    expect(bytes.readUInt32BE(0)).toBe(first.length);
    expect(bytes.subarray(4, 4 + first.length)).toEqual(first);
  });

  it('refuses a batch cut short or holding an envelope no node wrote', () => {
    const bytes = encodeBatch(envelopes);
    expect(decodeBatch(bytes.subarray(0, bytes.length - 1))).toBeUndefined();
    expect(decodeBatch(bytes.subarray(0, 2))).toBeUndefined();
    expect(decodeBatch(Buffer.from([0, 0, 0, 5, 99, 0, 0, 0, 1]))).toBeUndefined();
  });
});
