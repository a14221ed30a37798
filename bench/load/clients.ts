import { once } from 'node:events';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
import type { RelayTarget } from './target';

/**
 * One member's connection, whatever the relay: send a frame, hear frames, close. Every
 * relay gets the same bytes (a Duet data frame, header included), so only the relay differs.
 */
export interface Peer {
  send(frame: Buffer): void;
  /** Bytes queued on this connection and not yet taken by the kernel. */
  queuedBytes(): number;
  /** Stops reading from the socket (a guest that does not keep up). */
  pause(): void;
  onFrame(listener: (frame: Buffer) => void): void;
  /** Called once with the close code when the relay closes this connection. */
  onClose(listener: (code: number, reason: string) => void): void;
  close(): void;
  /** Duet only: the token that resumes this membership (from its welcome). */
  readonly resumeToken?: string;
}

/** A session's host, with what a guest needs to join it (Duet's invite code, or a room name). */
export interface HostPeer {
  peer: Peer;
  room: string;
}

/** Opens the host of session `index`. */
export async function openHost(target: RelayTarget, index: number, localAddress: string): Promise<HostPeer> {
  if (target.kind === 'duet') {
    const ws = await openWs(`ws://127.0.0.1:${target.port}/ws`, localAddress);
    const welcome = nextWelcome(ws, HELLO_TIMEOUT_MS);
    ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, name: `host-${index}`, intent: 'create', autoAdmit: true }));
    const { session, resumeToken } = await welcome;
    return { peer: wsPeer(ws, resumeToken), room: session.code };
  }
  const room = `s${index}`;
  return { peer: await openGuest(target, room, localAddress), room };
}

/** Opens a guest of the session `room` (admitted straight away: Duet sessions auto-admit). */
export async function openGuest(target: RelayTarget, room: string, localAddress: string): Promise<Peer> {
  switch (target.kind) {
    case 'duet': {
      const ws = await openWs(`ws://127.0.0.1:${target.port}/ws`, localAddress);
      const welcome = nextWelcome(ws, HELLO_TIMEOUT_MS);
      ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, name: 'guest', intent: 'join', code: room }));
      return wsPeer(ws, (await welcome).resumeToken);
    }
    case 'bare':
      return wsPeer(await openWs(`ws://127.0.0.1:${target.port}/${room}`, localAddress));
    case 'socketio':
      return socketIoPeer(await openSocketIo(target.port, room, localAddress));
  }
}

/**
 * Resumes a Duet membership with its token on the relay at `port`, as the app's session
 * client does after a drop: a new socket, `hello` with intent `resume`, and the welcome.
 * Rejects with the close code when the relay closes the socket instead, and gives the
 * socket up (1006) when no welcome came within `timeoutMs`, as the app's pings would.
 */
export async function resumeMember(port: number, token: string, localAddress: string, timeoutMs: number): Promise<Peer> {
  const ws = await openWs(`ws://127.0.0.1:${port}/ws`, localAddress);
  const welcome = nextWelcome(ws, timeoutMs);
  ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, name: 'member', intent: 'resume', token }));
  return wsPeer(ws, (await welcome).resumeToken);
}

/** A socket the relay closed before it welcomed the member: its close code says whether to try again. */
export class ClosedBeforeWelcome extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`closed ${code} ${reason} before welcome`);
  }
}

function openWs(url: string, localAddress: string): Promise<WebSocket> {
  const ws = new WebSocket(url, { perMessageDeflate: false, localAddress });
  ws.binaryType = 'nodebuffer';
  return once(ws, 'open').then(() => ws);
}

interface Welcome {
  session: { code: string };
  resumeToken: string;
}

/**
 * A hello no welcome answers within this is given up (the socket terminated, so it rejects
 * with 1006 and the caller may retry): a load generator must not wait forever on one member.
 */
const HELLO_TIMEOUT_MS = 15_000;

/** The welcome on `ws`; after `timeoutMs` without one the socket is terminated (a `1006` close). */
function nextWelcome(ws: WebSocket, timeoutMs: number): Promise<Welcome> {
  const giveUp = setTimeout(() => ws.terminate(), timeoutMs);
  return new Promise<Welcome>((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const message = JSON.parse(String(data)) as Welcome & { type: string };
      if (message.type !== 'welcome') return;
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolve(message);
    };
    const onClose = (code: number, reason: Buffer) => reject(new ClosedBeforeWelcome(code, String(reason)));
    ws.on('message', onMessage);
    ws.once('close', onClose);
  }).finally(() => clearTimeout(giveUp));
}

function wsPeer(ws: WebSocket, resumeToken?: string): Peer {
  return {
    ...(resumeToken !== undefined ? { resumeToken } : {}),
    send: (frame) => ws.send(frame),
    queuedBytes: () => ws.bufferedAmount,
    pause: () => ws.pause(),
    onFrame(listener) {
      ws.on('message', (data, isBinary) => {
        if (isBinary) listener(data as Buffer);
      });
    },
    onClose(listener) {
      ws.once('close', (code, reason) => listener(code, String(reason)));
    },
    close: () => ws.terminate(),
  };
}

function openSocketIo(port: number, room: string, localAddress: string): Promise<Socket> {
  const socket = io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    query: { room },
    forceNew: true,
    reconnection: false,
    // Passed through to ws; deflate is off because the server declines it (as the other relays do).
    localAddress,
  } as Parameters<typeof io>[1]);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(error));
  });
}

/** The ws under a Socket.IO client (engine.io's websocket transport), for queue size and pause. */
function engineWs(socket: Socket): WebSocket | undefined {
  const engine = socket.io.engine as unknown as { transport?: { ws?: WebSocket } };
  return engine.transport?.ws;
}

function socketIoPeer(socket: Socket): Peer {
  const engine = socket.io.engine as unknown as { writeBuffer?: { data?: string | ArrayBufferLike | Uint8Array }[] };
  const held = () => {
    let bytes = 0;
    for (const packet of engine.writeBuffer ?? []) bytes += typeof packet.data === 'string' ? packet.data.length : (packet.data?.byteLength ?? 0);
    return bytes;
  };
  return {
    send: (frame) => socket.emit('m', frame),
    // Packets engine.io holds back until the transport drains, plus what ws has queued.
    queuedBytes: () => held() + (engineWs(socket)?.bufferedAmount ?? 0),
    pause: () => engineWs(socket)?.pause(),
    onFrame(listener) {
      socket.on('m', (data: Buffer | ArrayBuffer) => listener(Buffer.isBuffer(data) ? data : Buffer.from(data)));
    },
    onClose(listener) {
      socket.once('disconnect', (reason) => listener(0, reason));
    },
    close: () => socket.disconnect(),
  };
}
