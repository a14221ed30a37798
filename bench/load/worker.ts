/**
 * A load-generator process: forked by bench/load/pool.ts, it holds the clients of some
 * sessions and plays traffic on request, so the relays under test never share a process
 * (or an event loop) with the load. Requests and replies travel over the IPC channel
 * (bench/load/messages.ts).
 */
import { CHANNELS, FINAL_CLOSE_REASONS, FRAME_HEADER_BYTES, closeReasonOf } from '../../src/shared/protocol';
import { encodeHistogram, latencyHistogram, recordMs } from '../stats/latency';
import { CLIENT_DEFAULTS, backoffDelay } from '../../src/shared/session-client';
import { ClosedBeforeWelcome, openGuest, openHost, type Peer } from './clients';
import { Failover, type PlacedSession } from './failover';
import type { CloseCounts, LoadReply, LoadRequest, StreamResult, TypingResult } from './messages';
import { placeSession } from './placement';
import { sourceAddresses, type RelayTarget } from './target';

const addresses = sourceAddresses(Number(process.env['BENCH_WORKER_INDEX'] ?? 0));
let nextAddress = 0;
const address = () => addresses[nextAddress++ % addresses.length]!;

/** Sessions this generator holds: [host, guest] each. */
const sessions: [Peer, Peer][] = [];
/** Where each session's members are in a cluster (session index, host node, guest node). */
const placed = new WeakMap<Peer, { index: number; hostNode: number; guestNode: number }>();
let failover: Failover | undefined;
const closes: CloseCounts = {};
/** Opening this many sessions at once keeps the relay's accept queue short. */
const OPEN_CONCURRENCY = 32;

function watchClose(peer: Peer): Peer {
  peer.onClose((code, reason) => {
    if (closing) return;
    const key = `${code} ${reason}`.trim();
    closes[key] = (closes[key] ?? 0) + 1;
  });
  return peer;
}
let closing = false;

async function openSessions(target: RelayTarget, first: number, count: number): Promise<void> {
  let next = first;
  const end = first + count;
  const opener = async () => {
    while (next < end) {
      const index = next++;
      const [hostNode, guestNode] = target.cluster ? placeSession(index, target.cluster.placement, target.cluster.ports.length) : [0, 0];
      const on = (node: number): RelayTarget => (target.cluster ? { kind: target.kind, port: target.cluster.ports[node]! } : target);
      const host = await retried(() => openHost(on(hostNode), index, address()));
      const guest = await retried(() => openGuest(on(guestNode), host.room, address()));
      placed.set(host.peer, { index, hostNode, guestNode });
      sessions.push([watchClose(host.peer), watchClose(guest)]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(OPEN_CONCURRENCY, count) }, opener));
}

/** Hellos answered by a close that the app would retry (e.g. `4013` while a busy node was taken for dead), by code. */
const retriedHellos: CloseCounts = {};
/** Give up on one member after this many retried hellos. */
const HELLO_ATTEMPTS = 8;

/**
 * Opens one member, and when the relay closes the socket before its welcome with a code the
 * app's session client retries (not final: `1006`, `4008`, `4013`, `4019`, …), tries again
 * after the client's backoff, as a person's app would.
 */
async function retried<T>(open: () => Promise<T>): Promise<T> {
  const options = { initialDelayMs: CLIENT_DEFAULTS.reconnectInitialDelayMs, maxDelayMs: CLIENT_DEFAULTS.reconnectMaxDelayMs };
  for (let attempt = 0; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof ClosedBeforeWelcome) || attempt + 1 >= HELLO_ATTEMPTS) throw error;
      const reason = closeReasonOf(error.code);
      if (reason !== undefined && FINAL_CLOSE_REASONS.has(reason)) throw error;
      const key = `${error.code} ${error.reason}`.trim();
      retriedHellos[key] = (retriedHellos[key] ?? 0) + 1;
      await sleep(backoffDelay(attempt, options));
    }
  }
}

function trim(keep: number): void {
  closing = true;
  for (const [host, guest] of sessions.splice(keep)) {
    host.close();
    guest.close();
  }
  closing = false;
}

/**
 * Every member sends `ratePerMember` doc frames a second, spread evenly over time (a
 * scheduler ticks every few ms and sends what is due, round robin), each stamped with
 * its send time; the other member of the session records the hop latency.
 */
async function typing(ratePerMember: number, warmupMs: number, durationMs: number, payloadBytes: number): Promise<TypingResult> {
  const members = sessions.flat();
  const histogram = latencyHistogram();
  const start = performance.now();
  const windowStart = start + warmupMs;
  const windowEnd = windowStart + durationMs;
  let sent = 0;
  let received = 0;
  let receivedInWindow = 0;
  const onFrame = (frame: Buffer) => {
    if (frame.length < FRAME_HEADER_BYTES + 8 || frame[0] !== CHANNELS.doc) return;
    const now = performance.now();
    if (now >= windowStart && now <= windowEnd) receivedInWindow++;
    const sentAt = frame.readDoubleLE(FRAME_HEADER_BYTES);
    if (sentAt < windowStart || sentAt > windowEnd) return;
    received++;
    recordMs(histogram, now - sentAt);
  };
  for (const member of members) attachOnce(member, onFrame);
  const totalRate = members.length * ratePerMember;
  let issued = 0;
  let cursor = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      if (now >= windowEnd) return resolve();
      const due = Math.floor(((now - start) * totalRate) / 1000) - issued;
      for (let i = 0; i < due; i++) {
        const member = members[cursor++ % members.length]!;
        const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payloadBytes);
        frame[0] = CHANNELS.doc;
        frame.writeUInt32BE(0, 1);
        frame.writeUInt32BE(0, 5);
        frame.fill(7, FRAME_HEADER_BYTES + 8);
        const at = performance.now();
        frame.writeDoubleLE(at, FRAME_HEADER_BYTES);
        member.send(frame);
        if (at >= windowStart) sent++;
      }
      issued += due;
      setTimeout(tick, 5);
    };
    tick();
  });
  // Let frames in flight arrive (a relay that queues shows it as a late tail, not as loss).
  const settleUntil = performance.now() + 2000;
  while (received < sent && performance.now() < settleUntil) await sleep(20);
  currentFrameListener = undefined;
  return { sent, received, receivedInWindow, histogram: encodeHistogram(histogram), closes: { ...closes } };
}

/** Peers get one frame listener for their life; the current benchmark's handler is swapped in. */
let currentFrameListener: ((frame: Buffer) => void) | undefined;
const attached = new WeakSet<Peer>();
function attachOnce(peer: Peer, listener: (frame: Buffer) => void): void {
  currentFrameListener = listener;
  if (attached.has(peer)) return;
  attached.add(peer);
  peer.onFrame((frame) => currentFrameListener?.(frame));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- terminal stream -------------------------------------------------------------------

let streamHost: Peer | undefined;
let hostClosedAfter: number | undefined;
let hostBytesSoFar = 0;
const activeGuests: { peer: Peer; bytes: number }[] = [];
let streamWindow = { start: 0, end: 0 };

async function openStreamHost(target: RelayTarget, index: number): Promise<string> {
  const host = await openHost(target, index, address());
  streamHost = host.peer;
  streamHost.onClose((code, reason) => {
    hostClosedAfter = hostBytesSoFar;
    const key = `host ${code} ${reason}`.trim();
    closes[key] = (closes[key] ?? 0) + 1;
  });
  return host.room;
}

async function openStreamGuests(target: RelayTarget, room: string, active: number, paused: number): Promise<void> {
  for (let i = 0; i < active + paused; i++) {
    const peer = await openGuest(target, room, address());
    const key = i < active ? 'guest' : 'paused guest';
    peer.onClose((code, reason) => {
      const text = `${key} ${code} ${reason}`.trim();
      closes[text] = (closes[text] ?? 0) + 1;
    });
    if (i >= active) {
      peer.pause();
      continue;
    }
    const guest = { peer, bytes: 0 };
    peer.onFrame((frame) => {
      const now = performance.now();
      if (now >= streamWindow.start && now < streamWindow.end) guest.bytes += frame.length;
    });
    activeGuests.push(guest);
  }
}

/** The host sends terminal-output frames whenever its queue is under a watermark: as fast as backpressure allows. */
async function stream(warmupMs: number, durationMs: number, frameBytes: number): Promise<StreamResult> {
  const start = performance.now();
  streamWindow = { start: start + warmupMs, end: start + warmupMs + durationMs };
  let hostBytes = 0;
  if (streamHost !== undefined) {
    const host = streamHost;
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + frameBytes, 0x79);
    frame[0] = CHANNELS.terminalOut;
    frame.writeUInt32BE(0, 1);
    frame.writeUInt32BE(0, 5);
    frame[FRAME_HEADER_BYTES] = 1; // terminal-wire "output"
    const WATERMARK = 1 << 20;
    let seq = 0;
    while (performance.now() < streamWindow.end && hostClosedAfter === undefined) {
      while (host.queuedBytes() < WATERMARK && hostClosedAfter === undefined) {
        // A fresh buffer per frame: ws may still hold the previous one in its queue.
        const copy = Buffer.from(frame);
        copy.writeDoubleBE(seq, FRAME_HEADER_BYTES + 1);
        seq += frameBytes;
        host.send(copy);
        hostBytesSoFar += copy.length;
        const now = performance.now();
        if (now >= streamWindow.start && now < streamWindow.end) hostBytes += copy.length;
      }
      await sleep(1);
    }
  } else {
    await sleep(warmupMs + durationMs + 300);
  }
  const result: StreamResult = { hostBytes, guestBytes: activeGuests.map((g) => g.bytes), closes: { ...closes } };
  if (hostClosedAfter !== undefined) result.hostBytesBeforeClose = hostClosedAfter;
  return result;
}

/** Watches the sessions with a member on node `dead` before the parent kills it. */
function armFailover(dead: number, ports: number[]): void {
  const list: PlacedSession[] = sessions.map(([host, guest]) => ({ host, guest, ...placed.get(host)! }));
  failover = new Failover(list, dead, ports, address);
}

function closeAll(): void {
  failover?.close();
  failover = undefined;
  trim(0);
  closing = true;
  streamHost?.close();
  for (const guest of activeGuests.splice(0)) guest.peer.close();
  streamHost = undefined;
}

async function handle(request: LoadRequest): Promise<LoadReply> {
  switch (request.op) {
    case 'open':
      await openSessions(request.target, request.first, request.count);
      return { id: request.id, ok: true, sessions: sessions.length };
    case 'trim':
      trim(request.keep);
      return { id: request.id, ok: true, sessions: sessions.length };
    case 'typing':
      return { id: request.id, ok: true, typing: await typing(request.ratePerMember, request.warmupMs, request.durationMs, request.payloadBytes) };
    case 'stream-host':
      return { id: request.id, ok: true, room: await openStreamHost(request.target, request.index) };
    case 'stream-guests':
      await openStreamGuests(request.target, request.room, request.active, request.paused);
      return { id: request.id, ok: true };
    case 'stream':
      return { id: request.id, ok: true, stream: await stream(request.warmupMs, request.durationMs, request.frameBytes) };
    case 'failover-arm':
      armFailover(request.dead, request.ports);
      return { id: request.id, ok: true };
    case 'failover':
      if (failover === undefined) throw new Error('failover before failover-arm');
      return { id: request.id, ok: true, failover: await failover.measure(request.killedAt, request.timeoutMs) };
    case 'closes':
      return { id: request.id, ok: true, closes: { ...closes }, retried: { ...retriedHellos } };
    case 'close-all':
      closeAll();
      return { id: request.id, ok: true };
  }
}

process.on('message', (request: LoadRequest) => {
  handle(request).then(
    (reply) => process.send!(reply),
    (error: unknown) => process.send!({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies LoadReply),
  );
});
process.on('disconnect', () => process.exit(0));
