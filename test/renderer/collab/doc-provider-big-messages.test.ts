import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocProvider } from '../../../src/renderer/collab/doc-provider';
import { splitDocMessage } from '../../../src/shared/protocol/collab/doc-fragments';
import { CHANNELS } from '../../../src/shared/protocol';
import { FakeRelay, type FakeLink } from './fake-session';

/**
 * Messages bigger than one data frame: a huge paste, a late joiner's step 2 of a big
 * document, a huge awareness state. The fake relay refuses frames over its limit exactly
 * as the real session client does, so anything not fragmented would be lost.
 */

interface Peer {
  link: FakeLink;
  doc: Y.Doc;
  text: Y.Text;
  provider: DocProvider;
  errors: unknown[];
}

const FRAME = 16 * 1024; // small relay frame limit keeps the tests fast

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.provider.dispose();
  peers = [];
});

function peer(relay: FakeRelay, name: string, maxMessageBytes?: number): Peer {
  const link = relay.connect(name);
  const doc = new Y.Doc();
  const errors: unknown[] = [];
  const provider = new DocProvider(doc, link, (error) => errors.push(error), { maxMessageBytes });
  const p = { link, doc, text: doc.getText('code'), provider, errors };
  peers.push(p);
  relay.admit(link);
  return p;
}

/** Text that compresses badly in Yjs's encoding: distinct lines, about `bytes` long. */
function bigText(bytes: number, tag = 'x'): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const line = `${tag} line ${i} ${(i * 2654435761) % 1000003}\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('');
}

describe('DocProvider with messages over the frame limit', () => {
  it('syncs a paste many frames big, and typing after it still reaches everyone', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    const paste = bigText(10 * FRAME);

    host.text.insert(0, paste);
    expect(relay.tooBig).toEqual([]);
    expect(guest.text.toString()).toBe(paste);

    host.text.insert(host.text.length, 'after the paste\n');
    guest.text.insert(0, '# guest was here\n');
    expect(guest.text.toString()).toBe(host.text.toString());
    expect(guest.text.toString()).toContain('after the paste');
    expect(host.errors).toEqual([]);
    expect(guest.errors).toEqual([]);
  });

  it('sends small messages whole: one frame each, no fragment prefix', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    peer(relay, 'Grace');
    const before = relay.sent.length;
    host.text.insert(0, 'a');
    const sent = relay.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.bytes).toBeLessThan(40);
  });

  it('gives a late joiner a document many frames big (step 2 is fragmented too)', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    host.text.insert(0, bigText(8 * FRAME));
    const late = peer(relay, 'Linus');
    expect(relay.tooBig).toEqual([]);
    expect(late.text.toString()).toBe(host.text.toString());
    expect(guest.text.toString()).toBe(host.text.toString());
  });

  it('carries an awareness state bigger than a frame', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    const note = bigText(3 * FRAME, 'note');
    host.provider.awareness.setLocalStateField('user', { name: 'Ada', note });
    expect(relay.tooBig).toEqual([]);
    expect(guest.provider.awareness.getStates().get(host.doc.clientID)?.user.note).toBe(note);
  });

  it('follows the frame limit the relay announces in welcome', () => {
    const relay = new FakeRelay(4 * 1024);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    host.text.insert(0, bigText(20 * 1024));
    expect(relay.tooBig).toEqual([]);
    expect(guest.text.toString()).toBe(host.text.toString());
  });

  it('drops a partial message from a member whose connection dropped, and catches up when it is back', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    // The first pieces of a big update arrive, then the host's network drops.
    const ghost = new Y.Doc();
    ghost.getText('code').insert(0, bigText(5 * FRAME, 'lost'));
    const fragments = splitDocMessage(syncUpdate(Y.encodeStateAsUpdate(ghost)), 77, FRAME / 2, FRAME / 2);
    for (const f of fragments.slice(0, 3)) guest.link.emit('data', { channel: CHANNELS.doc, from: host.link.id, payload: f });
    host.link.drop();
    // The rest arrives after it came back (e.g. frames queued while it was away): no splicing.
    host.text.insert(0, 'typed while away\n');
    host.link.reconnect();
    for (const f of fragments.slice(3)) guest.link.emit('data', { channel: CHANNELS.doc, from: host.link.id, payload: f });
    expect(guest.text.toString()).not.toContain('lost');
    expect(guest.text.toString()).toBe(host.text.toString());
    expect(guest.text.toString()).toContain('typed while away');
    // One warning for the orphaned rest, not one per piece.
    expect(guest.errors).toHaveLength(1);
  });

  it('drops a partial message from a member who left', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const fragments = bigUpdateFragments('gone');
    host.link.emit('data', { channel: CHANNELS.doc, from: 9, payload: fragments[0]! });
    host.link.emit('member-left', { memberId: 9, name: 'Mallory', reason: 'left' });
    for (const f of fragments.slice(1)) host.link.emit('data', { channel: CHANNELS.doc, from: 9, payload: f });
    expect(host.text.toString()).toBe('');
  });

  it('discards a message over its bound with a warning, and keeps syncing normal edits', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace', 4 * FRAME);
    host.text.insert(0, bigText(6 * FRAME));
    expect(guest.text.toString()).toBe('');
    expect(guest.errors).toHaveLength(1);
    expect(String(guest.errors[0])).toContain('bound');
    guest.text.insert(0, 'small edit');
    expect(host.text.toString()).toContain('small edit');
  });

  it('survives hostile fragment sequences without throwing or disturbing other senders', () => {
    const relay = new FakeRelay(FRAME);
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    const hostile = bigUpdateFragments('evil');
    const junk = [
      new Uint8Array([127]),
      new Uint8Array(40).fill(127),
      hostile[2]!,
      hostile[0]!,
      hostile[0]!,
      hostile[hostile.length - 1]!,
      Uint8Array.from(hostile[1]!, (b, i) => (i > 20 ? b ^ 0x5a : b)), // right place, corrupt bytes
      ...hostile.slice(2),
    ];
    // Guest's own big paste is in flight, interleaved with the hostile member's frames.
    const paste = bigText(4 * FRAME, 'good');
    const send = guest.link.send.bind(guest.link);
    const outgoing: [number, Uint8Array, number][] = [];
    guest.link.send = (channel, payload, to = 0) => void outgoing.push([channel, payload, to]);
    guest.text.insert(0, paste);
    guest.link.send = send;
    for (let i = 0; i < Math.max(junk.length, outgoing.length); i++) {
      const bad = junk[i];
      if (bad) expect(() => host.link.emit('data', { channel: CHANNELS.doc, from: 13, payload: bad })).not.toThrow();
      const good = outgoing[i];
      if (good) guest.link.send(good[0] as typeof CHANNELS.doc, good[1], good[2]);
    }
    expect(host.text.toString()).toBe(paste);
    expect(host.errors.length).toBeGreaterThan(0);
  });
});

function syncUpdate(update: Uint8Array): Uint8Array {
  // y-protocols framing: message type 0 (sync), sync type 2 (update), varuint length, bytes.
  const header: number[] = [0, 2];
  let n = update.byteLength;
  while (n > 0x7f) {
    header.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  header.push(n);
  const out = new Uint8Array(header.length + update.byteLength);
  out.set(header);
  out.set(update, header.length);
  return out;
}

function bigUpdateFragments(tag: string): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getText('code').insert(0, bigText(4 * FRAME, tag));
  return splitDocMessage(syncUpdate(Y.encodeStateAsUpdate(doc)), 5, FRAME / 2, FRAME / 2);
}
