import { utf8Decode, utf8Encode } from '../../utf8';

/**
 * Payload formats of the terminal channels (protocol v1, application level: the relay
 * forwards these bytes without reading them). Sequence numbers are stream byte offsets
 * (float64, exact to 2^53). docs/protocol.md, "Application payloads", has the same table.
 *
 *   terminalOut (host → guests)     OUTPUT | RESIZE | TYPING | SHELL_EXITED
 *   terminalSync (guest → host)     RESYNC_REQUEST
 *   terminalSync (host → one guest) OUTPUT | SNAPSHOT (the answer, unicast) | REQUEST_DECLINED
 *   terminalIn (guest → host)       the keystrokes as UTF-8, nothing else
 */
export const TERMINAL_MESSAGE = {
  /** Pty output: [1][seq f64][bytes]. `seq` is the offset of the first byte. */
  output: 1,
  /** Serialized screen standing at `seq`: [2][seq f64][cols u16][rows u16][UTF-8 text]. */
  snapshot: 2,
  /** The host's pty size changed: [3][cols u16][rows u16]. */
  resize: 3,
  /** Someone is typing into the terminal: [4][member id u32]. */
  typing: 4,
  /** Guest asks for everything since `seq`: [5][seq f64]. */
  resyncRequest: 5,
  /** The host dismissed this guest's request for terminal control: [6]. */
  requestDeclined: 6,
  /** The host's shell ended by itself (`exit`, a crash): [7][exit code i32]. */
  shellExited: 7,
} as const;

export type TerminalMessage =
  | { kind: 'output'; seq: number; data: Uint8Array }
  | { kind: 'snapshot'; seq: number; cols: number; rows: number; data: string }
  | { kind: 'resize'; cols: number; rows: number }
  | { kind: 'typing'; memberId: number }
  | { kind: 'resync-request'; seq: number }
  | { kind: 'request-declined' }
  | { kind: 'shell-exited'; exitCode: number };

/** Encodes a terminal message for the terminalOut or terminalSync channel. */
export function encodeTerminalMessage(message: TerminalMessage): Uint8Array {
  switch (message.kind) {
    case 'output': {
      const bytes = new Uint8Array(9 + message.data.byteLength);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.output);
      view.setFloat64(1, message.seq);
      bytes.set(message.data, 9);
      return bytes;
    }
    case 'snapshot': {
      const text = utf8Encode(message.data);
      const bytes = new Uint8Array(13 + text.byteLength);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.snapshot);
      view.setFloat64(1, message.seq);
      view.setUint16(9, message.cols);
      view.setUint16(11, message.rows);
      bytes.set(text, 13);
      return bytes;
    }
    case 'resize': {
      const bytes = new Uint8Array(5);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.resize);
      view.setUint16(1, message.cols);
      view.setUint16(3, message.rows);
      return bytes;
    }
    case 'typing': {
      const bytes = new Uint8Array(5);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.typing);
      view.setUint32(1, message.memberId);
      return bytes;
    }
    case 'resync-request': {
      const bytes = new Uint8Array(9);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.resyncRequest);
      view.setFloat64(1, message.seq);
      return bytes;
    }
    case 'request-declined':
      return Uint8Array.of(TERMINAL_MESSAGE.requestDeclined);
    case 'shell-exited': {
      const bytes = new Uint8Array(5);
      const view = new DataView(bytes.buffer);
      view.setUint8(0, TERMINAL_MESSAGE.shellExited);
      view.setInt32(1, message.exitCode);
      return bytes;
    }
  }
}

/** Decodes a terminal message; undefined for anything malformed (peers may be hostile). */
export function decodeTerminalMessage(bytes: Uint8Array): TerminalMessage | undefined {
  if (bytes.byteLength < 1) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = view.getUint8(0);
  const seqAt1 = () => {
    const seq = view.getFloat64(1);
    return Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined;
  };
  switch (kind) {
    case TERMINAL_MESSAGE.output: {
      if (bytes.byteLength < 9) return undefined;
      const seq = seqAt1();
      return seq === undefined ? undefined : { kind: 'output', seq, data: bytes.subarray(9) };
    }
    case TERMINAL_MESSAGE.snapshot: {
      if (bytes.byteLength < 13) return undefined;
      const seq = seqAt1();
      const cols = view.getUint16(9);
      const rows = view.getUint16(11);
      if (seq === undefined || cols < 1 || rows < 1) return undefined;
      return { kind: 'snapshot', seq, cols, rows, data: utf8Decode(bytes.subarray(13)) };
    }
    case TERMINAL_MESSAGE.resize: {
      if (bytes.byteLength !== 5) return undefined;
      const cols = view.getUint16(1);
      const rows = view.getUint16(3);
      return cols < 1 || rows < 1 ? undefined : { kind: 'resize', cols, rows };
    }
    case TERMINAL_MESSAGE.typing:
      return bytes.byteLength === 5 ? { kind: 'typing', memberId: view.getUint32(1) } : undefined;
    case TERMINAL_MESSAGE.resyncRequest: {
      if (bytes.byteLength !== 9) return undefined;
      const seq = seqAt1();
      return seq === undefined ? undefined : { kind: 'resync-request', seq };
    }
    case TERMINAL_MESSAGE.requestDeclined:
      return bytes.byteLength === 1 ? { kind: 'request-declined' } : undefined;
    case TERMINAL_MESSAGE.shellExited:
      return bytes.byteLength === 5 ? { kind: 'shell-exited', exitCode: view.getInt32(1) } : undefined;
    default:
      return undefined;
  }
}

/** Keystrokes on the terminalIn channel: UTF-8 text. */
export function encodeTerminalInput(text: string): Uint8Array {
  return utf8Encode(text);
}

/** Reads keystrokes from the terminalIn channel. */
export function decodeTerminalInput(bytes: Uint8Array): string {
  return utf8Decode(bytes);
}
