import type { HostApiErrorCode, TerminalChunk } from './contract';
import type { HostEvent } from './host-calls';
import { WORKSPACE_LIMITS } from '../protocol/collab/workspace-paths';

/**
 * The web shell's host-services WebSocket (`/host?token=TOKEN`), spoken by src/web (server)
 * and src/renderer/host-api/web-host-api.ts (client). It carries exactly the HostApi calls
 * of HOST_CALLS:
 *
 *   client → server, text:  {"id": 7, "call": "terminal:open", "args": [{"cols": 80, "rows": 24}]}
 *   server → client, text:  {"id": 7, "result": ...}  or  {"id": 7, "error": {"code": "bad-argument", "message": "..."}}
 *   server → client, text:  {"event": "run:state", "payload": {...}}          (every HOST_EVENTS entry but terminal output)
 *   server → client, binary: terminal output — 8-byte big-endian unsigned seq, then the pty bytes
 *
 * Bytes inside a JSON result (terminal:catch-up) are written as {"$bytes": "<base64>"}.
 * Anything that is not a well-formed request closes that socket (close code 1008; 1003 for
 * binary from the client; 1009 above HOST_SOCKET_MAX_MESSAGE_BYTES).
 */
export const HOST_SOCKET_PATH = '/host';

/** Largest request accepted: a whole workspace (run:run, run:save-workspace; WORKSPACE_LIMITS.maxTotalBytes) plus JSON escaping. */
export const HOST_SOCKET_MAX_MESSAGE_BYTES = 2 * WORKSPACE_LIMITS.maxTotalBytes + 1024 * 1024;

/** Calls a socket may have in flight at once; more is a misbehaving client. */
export const HOST_SOCKET_MAX_PENDING_CALLS = 256;

/** Key of the object that stands for a byte array inside JSON results. */
export const BYTES_KEY = '$bytes';

export interface HostSocketRequest {
  id: number;
  call: string;
  args: unknown[];
}

export type HostSocketReply =
  | { id: number; result: unknown }
  | { id: number; error: { code: HostApiErrorCode; message: string } };

export interface HostSocketEvent {
  event: HostEvent;
  payload: unknown;
}

const SEQ_BYTES = 8;

/** Frames one chunk of terminal output for the socket: 8-byte big-endian seq, then the bytes. */
export function encodeOutputFrame(chunk: TerminalChunk): Uint8Array {
  const frame = new Uint8Array(SEQ_BYTES + chunk.data.byteLength);
  new DataView(frame.buffer).setBigUint64(0, BigInt(chunk.seq));
  frame.set(chunk.data, SEQ_BYTES);
  return frame;
}

/** Reads a terminal output frame; undefined when it is too short to hold a seq. */
export function decodeOutputFrame(frame: Uint8Array): TerminalChunk | undefined {
  if (frame.byteLength < SEQ_BYTES) return undefined;
  const seq = Number(new DataView(frame.buffer, frame.byteOffset, SEQ_BYTES).getBigUint64(0));
  return { seq, data: frame.subarray(SEQ_BYTES) };
}
