import { markerPrefix } from './run-wrapper';

/** What the run wrapper reported. */
export type RunMarker = { kind: 'start'; pid: number } | { kind: 'exit'; code: number };

/** Longest marker tail kept between chunks; anything longer is not one of ours. */
const MAX_MARKER_BYTES = 128;

/**
 * Finds the run wrapper's markers in the output stream. A marker may be split across
 * chunks, so an unfinished one at the end of a chunk is carried into the next.
 */
export class RunMarkerParser {
  private readonly prefix: Buffer;
  private carry: Buffer = Buffer.alloc(0);

  constructor(nonce: string) {
    this.prefix = Buffer.from(markerPrefix(nonce), 'latin1');
  }

  /** Feeds one chunk; returns the complete markers it finished, in order. */
  feed(chunk: Uint8Array): RunMarker[] {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.carry = Buffer.alloc(0);
    const markers: RunMarker[] = [];
    let from = 0;
    for (;;) {
      const start = data.indexOf(this.prefix, from);
      if (start < 0) break;
      const end = data.indexOf(0x07, start + this.prefix.length);
      if (end < 0) {
        if (data.length - start <= MAX_MARKER_BYTES) this.carry = Buffer.from(data.subarray(start));
        return markers;
      }
      const marker = parseBody(data.toString('latin1', start + this.prefix.length, end));
      if (marker) markers.push(marker);
      from = end + 1;
    }
    this.carry = Buffer.from(data.subarray(partialPrefixStart(data, this.prefix, from)));
    return markers;
  }
}

function parseBody(body: string): RunMarker | undefined {
  const match = /^(start|exit);(\d{1,10})$/.exec(body);
  if (!match) return undefined;
  const value = Number(match[2]);
  return match[1] === 'start' ? { kind: 'start', pid: value } : { kind: 'exit', code: value };
}

/** Where a possible beginning of the prefix sits at the very end of `data` (or data.length). */
function partialPrefixStart(data: Buffer, prefix: Buffer, from: number): number {
  const earliest = Math.max(from, data.length - prefix.length + 1);
  for (let at = earliest; at < data.length; at++) {
    if (data[at] === prefix[0] && prefix.subarray(0, data.length - at).equals(data.subarray(at))) return at;
  }
  return data.length;
}
