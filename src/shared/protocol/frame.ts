import { MAX_CHANNEL_ID, type ChannelId } from './channels';

/**
 * Binary data frame, v1:
 *
 *   offset 0  u8     channel id
 *   offset 1  u32be  from: sender's member id (clients send 0; the relay stamps it)
 *   offset 5  u32be  to: recipient's member id, or 0 for every other member
 *   offset 9  ...    payload, opaque to the relay
 *
 * The relay overwrites `from` in place and sends the very same bytes to every
 * recipient, so forwarding costs one header read and no copy.
 */
export const FRAME_HEADER_BYTES = 9;

/** `to` value meaning "every other member of the session". */
export const EVERYONE = 0;

/** A decoded data frame; `payload` is a view into the received bytes, not a copy. */
export interface DataFrame {
  channel: ChannelId;
  from: number;
  to: number;
  payload: Uint8Array;
}

/** Builds a data frame: one allocation for header and payload. */
export function encodeFrame(channel: ChannelId, to: number, payload: Uint8Array, from = 0): Uint8Array {
  const bytes = new Uint8Array(FRAME_HEADER_BYTES + payload.byteLength);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, channel);
  view.setUint32(1, from);
  view.setUint32(5, to);
  bytes.set(payload, FRAME_HEADER_BYTES);
  return bytes;
}

/** Why a binary message is not a valid v1 data frame. */
export type FrameProblem = 'bad-message' | 'unknown-channel';

/**
 * What is wrong with a binary message as a v1 data frame, or undefined when it is one. Reads
 * two header fields and allocates nothing, so the relay's hot path can call it per frame;
 * decodeFrame applies the very same rules.
 */
export function frameProblem(bytes: Uint8Array): FrameProblem | undefined {
  if (bytes.byteLength < FRAME_HEADER_BYTES) return 'bad-message';
  const channel = bytes[0]!;
  if (channel === 0 || channel > MAX_CHANNEL_ID) return 'unknown-channel';
  return undefined;
}

/** Reads a data frame without copying its payload, or says what is wrong with it. */
export function decodeFrame(bytes: Uint8Array): DataFrame | FrameProblem {
  const problem = frameProblem(bytes);
  if (problem !== undefined) return problem;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const channel = view.getUint8(0);
  return {
    channel: channel as ChannelId,
    from: view.getUint32(1),
    to: view.getUint32(5),
    payload: bytes.subarray(FRAME_HEADER_BYTES),
  };
}
