/**
 * Doc-channel messages larger than one data frame travel as ordered fragments.
 *
 * A doc-channel payload normally starts with a y-protocols message type (0 = sync,
 * 1 = awareness). A payload starting with {@link DOC_FRAGMENT} is one piece of a larger
 * message instead, so messages that fit a frame cost nothing extra:
 *
 *   offset 0   u8     127 (DOC_FRAGMENT)
 *   offset 1   u32be  message id, chosen by the sender (a counter), the same in every piece
 *   offset 5   u32be  piece index, 0-based
 *   offset 9   u32be  piece count (≥ 2)
 *   offset 13  u32be  total bytes of the whole message
 *   offset 17  ...    the piece's bytes (never empty)
 *
 * The relay keeps each sender's frames in order and never drops doc frames, so a receiver
 * joins one sender's pieces as they come. Anything else (a gap, a piece without its start,
 * a size past the bound) discards that sender's partial message; the sync that follows
 * every reconnect repairs what it carried.
 */

/** First byte of a fragment: the largest one-byte varuint, far from y-protocols' message types. */
export const DOC_FRAGMENT = 127;

/** Bytes of a fragment's header, before its piece of the message. */
export const FRAGMENT_HEADER_BYTES = 17;

/** Pieces are at most this big, well under the 1 MiB frame limit so one never hogs the socket long. */
export const MAX_PIECE_BYTES = 256 * 1024;

/** Default bound on one sender's message being reassembled. */
export const DEFAULT_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

/** The piece size for a relay's frame limit and a data frame header of `frameHeaderBytes`. */
export function pieceBytesFor(maxFrameBytes: number, frameHeaderBytes: number): number {
  const room = maxFrameBytes - frameHeaderBytes - FRAGMENT_HEADER_BYTES;
  return Math.max(1, Math.min(MAX_PIECE_BYTES, room));
}

/**
 * Splits a doc-channel message into fragment payloads of at most `pieceBytes` each, or
 * returns it alone when `maxPayloadBytes` holds it whole.
 */
export function splitDocMessage(
  message: Uint8Array,
  messageId: number,
  pieceBytes: number,
  maxPayloadBytes: number,
): Uint8Array[] {
  if (message.byteLength <= maxPayloadBytes) return [message];
  const count = Math.ceil(message.byteLength / pieceBytes);
  const fragments: Uint8Array[] = [];
  for (let index = 0; index < count; index++) {
    const piece = message.subarray(index * pieceBytes, (index + 1) * pieceBytes);
    const fragment = new Uint8Array(FRAGMENT_HEADER_BYTES + piece.byteLength);
    const view = new DataView(fragment.buffer);
    view.setUint8(0, DOC_FRAGMENT);
    view.setUint32(1, messageId >>> 0);
    view.setUint32(5, index);
    view.setUint32(9, count);
    view.setUint32(13, message.byteLength);
    fragment.set(piece, FRAGMENT_HEADER_BYTES);
    fragments.push(fragment);
  }
  return fragments;
}

/** Whether a doc-channel payload is a fragment rather than a whole y-protocols message. */
export function isDocFragment(payload: Uint8Array): boolean {
  return payload.byteLength > 0 && payload[0] === DOC_FRAGMENT;
}

/**
 * What one fragment did: finished a message, was kept for later, or was refused. `problem`
 * says what went wrong, if anything (undefined for the quiet rest of an already-refused message).
 */
export type FragmentResult =
  | { kind: 'message'; message: Uint8Array }
  | { kind: 'pending'; problem?: string }
  | { kind: 'dropped'; problem: string | undefined };

interface Partial {
  id: number;
  count: number;
  total: number;
  next: number;
  bytes: number;
  pieces: Uint8Array[];
}

/**
 * Joins each sender's fragments back into whole messages. Memory is bounded: a message
 * may declare at most `maxMessageBytes`, and what is kept never passes what it declared.
 * Bad input never throws; it discards that sender's partial message and nobody else's.
 */
export class DocReassembly {
  private readonly partials = new Map<number, Partial>();
  /** Per sender, a message id whose remaining pieces are dropped quietly (already reported). */
  private readonly skipping = new Map<number, number>();

  constructor(private readonly maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES) {}

  /** Takes one fragment payload from member `from`. */
  accept(from: number, fragment: Uint8Array): FragmentResult {
    if (fragment.byteLength < FRAGMENT_HEADER_BYTES || fragment[0] !== DOC_FRAGMENT) {
      return this.refuse(from, undefined, 'fragment shorter than its header');
    }
    const view = new DataView(fragment.buffer, fragment.byteOffset, fragment.byteLength);
    const id = view.getUint32(1);
    const index = view.getUint32(5);
    const count = view.getUint32(9);
    const total = view.getUint32(13);
    const piece = fragment.subarray(FRAGMENT_HEADER_BYTES);

    if (index === 0) {
      const replaced = this.partials.get(from);
      this.partials.delete(from);
      this.skipping.delete(from);
      if (count < 2 || total < count || piece.byteLength === 0) return this.refuse(from, id, 'malformed first fragment');
      if (total > this.maxMessageBytes) {
        return this.refuse(from, id, `message of ${total} bytes is over the ${this.maxMessageBytes}-byte bound`);
      }
      this.partials.set(from, { id, count, total, next: 0, bytes: 0, pieces: [] });
      const result = this.add(from, piece);
      // The replaced message can never finish now: say so, but keep the new one.
      if (replaced && result.kind === 'pending') {
        return { kind: 'pending', problem: `doc fragment from member ${from}: message ${replaced.id} cut short` };
      }
      return result;
    }

    const partial = this.partials.get(from);
    if (!partial || partial.id !== id) {
      if (this.skipping.get(from) === id) return { kind: 'dropped', problem: undefined };
      this.partials.delete(from);
      return this.refuse(from, id, `fragment ${index} of message ${id} without its start`);
    }
    if (index !== partial.next || count !== partial.count || total !== partial.total || piece.byteLength === 0) {
      this.partials.delete(from);
      return this.refuse(from, id, `fragment ${index} of message ${id} out of sequence`);
    }
    return this.add(from, piece);
  }

  /** Forgets a sender's partial message (it left, is reconnecting, or came back). */
  forget(from: number): void {
    this.partials.delete(from);
    this.skipping.delete(from);
  }

  /** Forgets every partial message (our own connection was lost). */
  clear(): void {
    this.partials.clear();
    this.skipping.clear();
  }

  /** Bytes held for partial messages across all senders (for tests and diagnostics). */
  get heldBytes(): number {
    let bytes = 0;
    for (const partial of this.partials.values()) bytes += partial.bytes;
    return bytes;
  }

  private add(from: number, piece: Uint8Array): FragmentResult {
    const partial = this.partials.get(from)!;
    partial.bytes += piece.byteLength;
    partial.next++;
    const last = partial.next === partial.count;
    if (partial.bytes > partial.total || (last && partial.bytes !== partial.total)) {
      this.partials.delete(from);
      return this.refuse(from, partial.id, `message ${partial.id} does not add up to ${partial.total} bytes`);
    }
    partial.pieces.push(piece);
    if (!last) return { kind: 'pending' };
    this.partials.delete(from);
    const message = new Uint8Array(partial.total);
    let offset = 0;
    for (const p of partial.pieces) {
      message.set(p, offset);
      offset += p.byteLength;
    }
    return { kind: 'message', message };
  }

  private refuse(from: number, id: number | undefined, problem: string): FragmentResult {
    if (id !== undefined) this.skipping.set(from, id);
    return { kind: 'dropped', problem: `doc fragment from member ${from}: ${problem}` };
  }
}
