import type { WebSocket } from 'ws';
import type { HostApiErrorCode, TerminalChunk } from '../shared/host-api';
import { parseHostCall, type HostCall, type HostEvent } from '../shared/host-api/host-calls';
import { hostCallError } from '../shared/host-api/host-call-dispatch';
import {
  BYTES_KEY,
  HOST_SOCKET_MAX_PENDING_CALLS,
  encodeOutputFrame,
  type HostSocketReply,
} from '../shared/host-api/host-socket-protocol';

/** Close codes of the host socket (RFC 6455): policy violation, unsupported data. */
const CLOSE_BAD_MESSAGE = 1008;
const CLOSE_UNSUPPORTED = 1003;

export interface HostSocketHub {
  /** Serves one accepted host socket until it closes. */
  accept(socket: WebSocket): void;
  /** Pushes a host event to one socket, if it is still open. */
  send(socket: WebSocket, event: HostEvent, payload: unknown): void;
  /** Open sockets right now. */
  readonly size: number;
  /** Closes every socket (server shutting down). */
  closeAll(reason: string): void;
}

export interface HostSocketHubOptions {
  /** Answers one validated call from `socket`. */
  dispatch(call: HostCall, args: unknown[], socket: WebSocket): Promise<unknown>;
  /** Told whenever a socket closes, with the number still open. */
  onSocketClosed?(socket: WebSocket, size: number): void;
}

/**
 * The web shell's side of the host socket protocol (src/shared/host-api/host-socket-protocol.ts):
 * validates every request, answers with result or error, and pushes host events. A bad
 * call gets a bad-argument error; a message that is not a request at all closes only its
 * own socket.
 */
export function createHostSocketHub(options: HostSocketHubOptions): HostSocketHub {
  const sockets = new Set<WebSocket>();

  function accept(socket: WebSocket): void {
    sockets.add(socket);
    let inFlight = 0;
    socket.on('close', () => {
      sockets.delete(socket);
      options.onSocketClosed?.(socket, sockets.size);
    });
    socket.on('error', (error) => socket.close(CLOSE_BAD_MESSAGE, truncate(error.message)));
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(CLOSE_UNSUPPORTED, 'requests are JSON text');
      const request = parseRequest(data.toString());
      if (typeof request === 'string') return socket.close(CLOSE_BAD_MESSAGE, request);
      const reply = (answer: HostSocketReply): void => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(answer, bytesAsBase64));
      };
      const fail = (code: HostApiErrorCode, message: string): void => reply({ id: request.id, error: { code, message } });
      const parsed = parseHostCall(request.call, request.args);
      if (!parsed.ok) return fail('bad-argument', parsed.error);
      if (inFlight >= HOST_SOCKET_MAX_PENDING_CALLS) return fail('unavailable', 'too many calls in flight');
      inFlight++;
      options
        .dispatch(parsed.call, parsed.args, socket)
        .then(
          (result) => reply({ id: request.id, result }),
          (error: unknown) => reply({ id: request.id, error: hostCallError(error) }),
        )
        .finally(() => inFlight--);
    });
  }

  function send(socket: WebSocket, event: HostEvent, payload: unknown): void {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(event === 'terminal:output' ? encodeOutputFrame(payload as TerminalChunk) : JSON.stringify({ event, payload }));
  }

  return {
    accept,
    send,
    get size() {
      return sockets.size;
    },
    closeAll(reason) {
      for (const socket of sockets) socket.close(1001, reason);
    },
  };
}

/** A request's envelope, or why the message is not one. Arguments are checked later by parseHostCall. */
function parseRequest(text: string): { id: number; call: unknown; args: unknown } | string {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return 'request is not JSON';
  }
  if (!message || typeof message !== 'object' || Array.isArray(message)) return 'request is not an object';
  const { id, call, args } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return 'request needs a numeric id';
  return { id, call, args };
}

/** JSON.stringify replacer: byte arrays (seen before Buffer#toJSON runs) as {"$bytes": base64}. */
function bytesAsBase64(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Uint8Array) {
    return { [BYTES_KEY]: Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64') };
  }
  return value;
}

function truncate(reason: string): string {
  // A close reason must fit in a control frame (123 bytes, even if every character takes 3).
  return reason.length > 40 ? `${reason.slice(0, 39)}…` : reason;
}
