import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { DocReassembly, isDocFragment, pieceBytesFor, splitDocMessage } from '../../shared/protocol/collab/doc-fragments';
import { DisposableStore } from '../../shared/lifecycle';
import { CHANNELS, DEFAULT_LIMITS, FRAME_HEADER_BYTES, type ChannelId } from '../../shared/protocol';
import type { SessionClient } from '../../shared/session-client';

/** The part of the session client the provider uses (a fake in unit tests). */
export type SessionLink = Pick<SessionClient, 'on' | 'send'>;

/** Message types inside a doc-channel payload, numbered as y-websocket numbers them. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** Tunables; tests make them small. */
export interface DocProviderOptions {
  /** Bound on one sender's message being reassembled from fragments. */
  maxMessageBytes?: number;
  /** How often to exchange state vectors with everyone when nothing asked for it (ms). */
  resyncIntervalMs?: number;
}

/** A periodic sync step 1 costs a state vector per member: cheap insurance against a lost last update. */
const RESYNC_INTERVAL_MS = 30_000;
/** Gap repairs asked of one member at most this often (ms). */
const GAP_RESYNC_MS = 1_000;

/** Origin of awareness changes that came from a peer (not re-broadcast). */
interface RemoteOrigin {
  provider: DocProvider;
  from: number;
}

/**
 * Keeps a Y.Doc and its awareness in sync with every other member over the session's
 * doc channel, with y-protocols messages encoded the way y-websocket encodes them.
 *
 * The relay holds no document, so peers sync with each other: whenever we are
 * (re)admitted we ask everyone for what we miss (sync step 1), and when someone joins or
 * comes back we ask them. Each step 1 is answered with a step 2 sent back to the asker
 * only. Local updates go to everyone. Edits made while disconnected are in our doc and
 * reach the others through these exchanges, so nothing typed is lost.
 *
 * A message too big for one data frame (a huge paste, or a late joiner's step 2 of a big
 * document) goes as ordered fragments (src/shared/protocol/collab/doc-fragments.ts) and is joined again
 * per sender; a sender's partial message is dropped when it leaves, drops or comes back,
 * and all of them when we reconnect ourselves (the sync that follows repairs it all).
 */
export class DocProvider {
  readonly awareness: awarenessProtocol.Awareness;
  /** Awareness client ids seen from each member, so their cursors go when they leave. */
  private readonly clientsByMember = new Map<number, Set<number>>();
  private readonly memberByClient = new Map<number, number>();
  private readonly listeners = new DisposableStore();
  private readonly channel: ChannelId = CHANNELS.doc;
  private readonly reassembly: DocReassembly;
  /** The relay's frame limit, as its latest `welcome` said. */
  private maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;
  private nextMessageId = 0;
  /** When we last asked each member to fill a gap (see healGap). */
  private readonly gapAskedAt = new Map<number, number>();
  /** A state-vector exchange with everyone now and then, which heals a lost last update too. */
  private readonly periodicSync: ReturnType<typeof setInterval>;

  constructor(
    private readonly doc: Y.Doc,
    private readonly link: SessionLink,
    private readonly onError: (error: unknown) => void = (error) => console.warn('duet: bad doc message', error),
    options: DocProviderOptions = {},
  ) {
    this.reassembly = new DocReassembly(options.maxMessageBytes);
    this.periodicSync = setInterval(() => this.requestSync(), options.resyncIntervalMs ?? RESYNC_INTERVAL_MS);
    this.awareness = new awarenessProtocol.Awareness(doc);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    this.listeners.add(
      link.on('welcome', (welcome) => {
        this.maxFrameBytes = welcome.limits.maxFrameBytes;
        // Whatever was half-received before we dropped is incomplete for good.
        this.reassembly.clear();
        this.requestSync();
        this.sendAwareness();
      }),
    );
    this.listeners.add(link.on('member-joined', (member) => this.greet(member.id)));
    this.listeners.add(link.on('member-reconnecting', (member) => this.reassembly.forget(member.id)));
    this.listeners.add(
      link.on('member-back', (member) => {
        this.reassembly.forget(member.id);
        this.greet(member.id);
      }),
    );
    this.listeners.add(
      link.on('member-left', ({ memberId }) => {
        this.reassembly.forget(memberId);
        this.forgetMember(memberId);
      }),
    );
    this.listeners.add(
      link.on('resync', (channel) => {
        if (channel === this.channel) this.requestSync();
      }),
    );
    this.listeners.add(
      link.on('data', (frame) => {
        if (frame.channel === this.channel) this.receiveFrame(frame.from, frame.payload);
      }),
    );
  }

  /** The member whose page owns an awareness client id, when known. */
  memberOfClient(clientId: number): number | undefined {
    return this.memberByClient.get(clientId);
  }

  /** Asks everyone (or one member) for the updates we do not have yet. */
  requestSync(to = 0): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder), to);
  }

  /** Stops syncing; tells the others our cursor is gone. */
  dispose(): void {
    this.listeners.dispose();
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], 'local');
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
  }

  /** Someone new (or back): ask them what we miss and show them our cursor. */
  private greet(memberId: number): void {
    this.requestSync(memberId);
    this.sendAwareness(memberId);
  }

  private sendAwareness(to = 0): void {
    if (this.awareness.getLocalState() === null) return;
    this.sendAwarenessUpdate([this.doc.clientID], to);
  }

  private sendAwarenessUpdate(clients: number[], to = 0): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
    this.send(encoding.toUint8Array(encoder), to);
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return; // came from a peer; they already have it
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    this.send(encoding.toUint8Array(encoder));
  };

  /** Sends a doc message whole when it fits one frame, else as ordered fragments. */
  private send(message: Uint8Array, to = 0): void {
    const maxPayload = this.maxFrameBytes - FRAME_HEADER_BYTES;
    const pieceBytes = pieceBytesFor(this.maxFrameBytes, FRAME_HEADER_BYTES);
    const id = message.byteLength > maxPayload ? this.nextMessageId++ >>> 0 : 0;
    for (const payload of splitDocMessage(message, id, pieceBytes, maxPayload)) this.link.send(this.channel, payload, to);
  }

  private receiveFrame(from: number, payload: Uint8Array): void {
    if (!isDocFragment(payload)) return this.receive(from, payload);
    const result = this.reassembly.accept(from, payload);
    if (result.kind !== 'message' && result.problem !== undefined) this.onError(new Error(result.problem));
    if (result.kind === 'message') this.receive(from, result.message);
  }

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (isRemoteOrigin(origin)) {
      for (const clientId of [...change.added, ...change.updated]) this.remember(origin.from, clientId);
      return;
    }
    if (origin !== 'local') return; // e.g. our own removal of a departed member's states
    this.sendAwarenessUpdate([...change.added, ...change.updated, ...change.removed]);
  };

  private receive(from: number, payload: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(payload);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
        // Only a step 1 writes an answer (step 2); it goes back to the asker alone.
        if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply), from);
        this.healGap(from);
      } else if (type === MESSAGE_AWARENESS) {
        const origin: RemoteOrigin = { provider: this, from };
        awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), origin);
      } else {
        this.onError(new Error(`unknown doc message type ${type} from member ${from}`));
      }
    } catch (error) {
      this.onError(error);
    }
  }

  /**
   * An update that builds on changes we never got (a frame lost between nodes, a trimmed
   * relay inbox) leaves Yjs holding it as pending: ask its sender for everything we miss.
   * At most once a second per sender, however many such updates follow.
   */
  private healGap(from: number): void {
    const store = this.doc.store;
    if (store.pendingStructs === null && store.pendingDs === null) return;
    const now = Date.now();
    if (now - (this.gapAskedAt.get(from) ?? 0) < GAP_RESYNC_MS) return;
    this.gapAskedAt.set(from, now);
    this.requestSync(from);
  }

  private remember(memberId: number, clientId: number): void {
    if (clientId === this.doc.clientID) return;
    this.memberByClient.set(clientId, memberId);
    let clients = this.clientsByMember.get(memberId);
    if (!clients) this.clientsByMember.set(memberId, (clients = new Set()));
    clients.add(clientId);
  }

  private forgetMember(memberId: number): void {
    const clients = this.clientsByMember.get(memberId);
    if (!clients) return;
    this.clientsByMember.delete(memberId);
    for (const clientId of clients) this.memberByClient.delete(clientId);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...clients], this);
  }
}

function isRemoteOrigin(origin: unknown): origin is RemoteOrigin {
  return typeof origin === 'object' && origin !== null && 'provider' in origin && 'from' in origin;
}
