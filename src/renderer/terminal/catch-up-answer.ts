import type { TerminalCatchUp } from '../../shared/host-api';
import { FRAME_HEADER_BYTES } from '../../shared/protocol';
import type { TerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import { utf8Decode, utf8Encode } from '../../shared/utf8';

/** Bytes of an OUTPUT message before its data: kind + seq. */
const OUTPUT_HEADER_BYTES = 9;
/** Bytes of a SNAPSHOT message before its text: kind + seq + cols + rows. */
const SNAPSHOT_HEADER_BYTES = 13;
/** Pieces of a byte answer stay this small so one piece never holds a screen up for long. */
const PREFERRED_PIECE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/** The catch-up answer as the follower reads it (the host's own view asks through HostApi). */
export function catchUpMessage(answer: TerminalCatchUp): TerminalMessage {
  return answer.kind === 'bytes' ? { kind: 'output', seq: answer.seq, data: answer.data } : { ...answer };
}

/**
 * Turns the host's catch-up into resync-answer messages that each fit in one relay frame
 * of `maxFrameBytes`: bytes are split into consecutive OUTPUT pieces (at least one, even
 * when empty — the guest waits for it); a snapshot too big for a frame loses its oldest
 * lines, cut after a newline so no character or escape sequence is split mid-way.
 */
export function resyncAnswer(answer: TerminalCatchUp, maxFrameBytes: number): TerminalMessage[] {
  const budget = maxFrameBytes - FRAME_HEADER_BYTES;
  if (answer.kind === 'snapshot') {
    return [{ ...answer, data: fitText(answer.data, budget - SNAPSHOT_HEADER_BYTES) }];
  }
  const pieceBytes = Math.max(1, Math.min(PREFERRED_PIECE_BYTES, budget - OUTPUT_HEADER_BYTES));
  const messages: TerminalMessage[] = [];
  let offset = 0;
  do {
    const data = answer.data.subarray(offset, offset + pieceBytes);
    messages.push({ kind: 'output', seq: answer.seq + offset, data });
    offset += data.byteLength;
  } while (offset < answer.data.byteLength);
  return messages;
}

/** The newest part of `text` whose UTF-8 form fits in `maxBytes`, starting at a line. */
function fitText(text: string, maxBytes: number): string {
  const bytes = utf8Encode(text);
  if (bytes.byteLength <= maxBytes) return text;
  const tail = bytes.subarray(bytes.byteLength - Math.max(0, maxBytes));
  const lineStart = tail.indexOf(NEWLINE);
  return lineStart === -1 ? '' : utf8Decode(tail.subarray(lineStart + 1));
}
