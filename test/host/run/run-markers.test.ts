import { describe, expect, it } from 'vitest';
import { RunMarkerParser } from '../../../src/host/run/run-markers';

const start = '\x1b]7777;duet-run;n0nce;start;4242\x07';
const exit = '\x1b]7777;duet-run;n0nce;exit;3\x07';

describe('run markers', () => {
  it('finds start and exit markers among ordinary output', () => {
    const parser = new RunMarkerParser('n0nce');
    expect(parser.feed(Buffer.from(`$ run\r\n${start}hello\r\n${exit}$ `))).toEqual([
      { kind: 'start', pid: 4242 },
      { kind: 'exit', code: 3 },
    ]);
  });

  it('finds a marker split at every possible byte', () => {
    const stream = `out${start}middle${exit}end`;
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new RunMarkerParser('n0nce');
      const found = [...parser.feed(Buffer.from(stream.slice(0, cut))), ...parser.feed(Buffer.from(stream.slice(cut)))];
      expect(found, `cut at ${cut}`).toEqual([
        { kind: 'start', pid: 4242 },
        { kind: 'exit', code: 3 },
      ]);
    }
  });

  it('finds a marker fed one byte at a time', () => {
    const parser = new RunMarkerParser('n0nce');
    const found = [...Buffer.from(`x${exit}y`)].flatMap((byte) => parser.feed(Uint8Array.of(byte)));
    expect(found).toEqual([{ kind: 'exit', code: 3 }]);
  });

  it('ignores markers with another nonce, malformed bodies and unterminated junk', () => {
    const parser = new RunMarkerParser('n0nce');
    expect(parser.feed(Buffer.from('\x1b]7777;duet-run;other;exit;0\x07'))).toEqual([]);
    expect(parser.feed(Buffer.from('\x1b]7777;duet-run;n0nce;exit;zero\x07'))).toEqual([]);
    expect(parser.feed(Buffer.from(`\x1b]7777;duet-run;n0nce;exit;${'9'.repeat(300)}`))).toEqual([]);
    expect(parser.feed(Buffer.from(exit))).toEqual([{ kind: 'exit', code: 3 }]);
  });
});
