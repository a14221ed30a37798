import { describe, expect, it } from 'vitest';
import {
  DOC_FRAGMENT,
  DocReassembly,
  FRAGMENT_HEADER_BYTES,
  MAX_PIECE_BYTES,
  isDocFragment,
  pieceBytesFor,
  splitDocMessage,
  type FragmentResult,
} from '../../../../src/shared/protocol/collab/doc-fragments';

/** A message whose bytes say where they are, so a misordered join shows. */
function message(bytes: number, seed = 0): Uint8Array {
  const m = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i++) m[i] = (i * 7 + seed) & 0xff;
  m[0] = 0; // a y-protocols sync message starts with type 0
  return m;
}

function feed(reassembly: DocReassembly, from: number, fragments: Uint8Array[]): FragmentResult[] {
  return fragments.map((fragment) => reassembly.accept(from, fragment));
}

function completed(results: FragmentResult[]): Uint8Array[] {
  return results.flatMap((r) => (r.kind === 'message' ? [r.message] : []));
}

describe('doc fragments', () => {
  it('leaves a message that fits one frame untouched: no prefix, no copy', () => {
    const m = message(1000);
    const out = splitDocMessage(m, 1, 100, 1000);
    expect(out).toEqual([m]);
    expect(out[0]).toBe(m);
    expect(isDocFragment(m)).toBe(false);
  });

  it('splits a big message into ordered pieces that join back to the same bytes', () => {
    const m = message(10_001);
    const fragments = splitDocMessage(m, 42, 1000, 1000);
    expect(fragments).toHaveLength(11);
    expect(fragments.every((f) => f[0] === DOC_FRAGMENT && f.byteLength <= 1000 + FRAGMENT_HEADER_BYTES)).toBe(true);
    const results = feed(new DocReassembly(), 3, fragments);
    expect(results.slice(0, -1).every((r) => r.kind === 'pending')).toBe(true);
    expect(completed(results)).toEqual([m]);
  });

  it('sizes pieces from the relay frame limit, never over 256 KiB', () => {
    expect(pieceBytesFor(1024 * 1024, 9)).toBe(MAX_PIECE_BYTES);
    expect(pieceBytesFor(4096, 9)).toBe(4096 - 9 - FRAGMENT_HEADER_BYTES);
    expect(pieceBytesFor(10, 9)).toBe(1);
  });

  it('joins interleaved senders independently', () => {
    const a = message(5000, 1);
    const b = message(7000, 2);
    const fa = splitDocMessage(a, 1, 1000, 1000);
    const fb = splitDocMessage(b, 1, 1000, 1000); // same id from another sender is no clash
    const reassembly = new DocReassembly();
    const done: [number, Uint8Array][] = [];
    for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
      for (const [from, list] of [[5, fa], [6, fb]] as const) {
        const f = list[i];
        if (!f) continue;
        const r = reassembly.accept(from, f);
        if (r.kind === 'message') done.push([from, r.message]);
      }
    }
    expect(done).toEqual([
      [5, a],
      [6, b],
    ]);
  });

  it('refuses a message declared over the bound and holds nothing for it', () => {
    const reassembly = new DocReassembly(4000);
    const fragments = splitDocMessage(message(5000), 9, 1000, 1000);
    const results = feed(reassembly, 2, fragments);
    expect(results[0]).toMatchObject({ kind: 'dropped', problem: expect.stringContaining('over the 4000-byte bound') });
    // The rest of that message is dropped quietly (one warning, not five).
    expect(results.slice(1).every((r) => r.kind === 'dropped' && r.problem === undefined)).toBe(true);
    expect(reassembly.heldBytes).toBe(0);
    // The sender's next, smaller message still goes through.
    const next = message(3000, 5);
    expect(completed(feed(reassembly, 2, splitDocMessage(next, 10, 1000, 1000)))).toEqual([next]);
  });

  it('never keeps more than a message declared, even when a sender lies about its size', () => {
    const reassembly = new DocReassembly(1_000_000);
    const honest = splitDocMessage(message(3000), 1, 1000, 1000);
    const lying = honest.map((f) => {
      const copy = f.slice();
      new DataView(copy.buffer).setUint32(13, 1500); // claims 1500 bytes total, sends 3000
      return copy;
    });
    const results = feed(reassembly, 4, lying);
    expect(completed(results)).toEqual([]);
    expect(results.some((r) => r.kind === 'dropped' && r.problem?.includes('does not add up'))).toBe(true);
    expect(reassembly.heldBytes).toBe(0);
  });

  it('drops a gap, a piece without its start and garbage, without throwing or hurting other senders', () => {
    const reassembly = new DocReassembly();
    const m = message(4000);
    const fragments = splitDocMessage(m, 7, 1000, 1000);
    const other = splitDocMessage(message(2500, 3), 1, 1000, 1000);

    reassembly.accept(8, other[0]!);
    // A gap: piece 2 after piece 0.
    expect(reassembly.accept(1, fragments[0]!).kind).toBe('pending');
    expect(reassembly.accept(1, fragments[2]!)).toMatchObject({ kind: 'dropped', problem: expect.stringContaining('out of sequence') });
    expect(reassembly.accept(1, fragments[3]!)).toEqual({ kind: 'dropped', problem: undefined });
    // A continuation whose start we never saw.
    expect(reassembly.accept(2, fragments[1]!)).toMatchObject({ kind: 'dropped', problem: expect.stringContaining('without its start') });
    // Garbage of every shape.
    for (const junk of [
      new Uint8Array([DOC_FRAGMENT]),
      new Uint8Array(FRAGMENT_HEADER_BYTES).fill(DOC_FRAGMENT),
      Uint8Array.from({ length: 40 }, (_, i) => (i === 0 ? DOC_FRAGMENT : 0xff)),
    ]) {
      expect(reassembly.accept(1, junk).kind).toBe('dropped');
    }
    // The other sender's message was never disturbed.
    expect(reassembly.accept(8, other[1]!).kind).toBe('pending');
    expect(reassembly.accept(8, other[2]!).kind).toBe('message');
    // And sender 1 recovers with its next whole message.
    expect(completed(feed(reassembly, 1, fragments))).toEqual([m]);
  });

  it('a new first piece replaces a partial message and says the old one was cut short', () => {
    const reassembly = new DocReassembly();
    const first = splitDocMessage(message(3000, 1), 1, 1000, 1000);
    const second = message(2000, 2);
    reassembly.accept(1, first[0]!);
    const secondFragments = splitDocMessage(second, 2, 1000, 1000);
    expect(reassembly.accept(1, secondFragments[0]!)).toMatchObject({ kind: 'pending', problem: expect.stringContaining('cut short') });
    expect(reassembly.accept(1, secondFragments[1]!)).toEqual({ kind: 'message', message: second });
  });

  it('forgets a sender that left, and everyone on clear', () => {
    const reassembly = new DocReassembly();
    const fragments = splitDocMessage(message(3000), 1, 1000, 1000);
    reassembly.accept(1, fragments[0]!);
    reassembly.accept(2, fragments[0]!);
    expect(reassembly.heldBytes).toBe(2000);
    reassembly.forget(1);
    expect(reassembly.heldBytes).toBe(1000);
    expect(reassembly.accept(1, fragments[1]!).kind).toBe('dropped');
    reassembly.clear();
    expect(reassembly.heldBytes).toBe(0);
    expect(reassembly.accept(2, fragments[1]!).kind).toBe('dropped');
  });
});
