import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocProvider } from '../../../src/renderer/collab/doc-provider';
import { FakeRelay, type FakeLink } from './fake-session';

interface Peer {
  link: FakeLink;
  doc: Y.Doc;
  text: Y.Text;
  provider: DocProvider;
}

let peers: Peer[] = [];
afterEach(() => {
  for (const peer of peers) peer.provider.dispose();
  peers = [];
});

/** A member with its own Y.Doc and provider, admitted to the fake relay. */
function peer(relay: FakeRelay, name: string, before?: (doc: Y.Doc) => void): Peer {
  const link = relay.connect(name);
  const doc = new Y.Doc();
  before?.(doc);
  const errors: unknown[] = [];
  const provider = new DocProvider(doc, link, (error) => errors.push(error));
  const p = { link, doc, text: doc.getText('code'), provider };
  peers.push(p);
  relay.admit(link);
  return p;
}

describe('DocProvider', () => {
  it('gives a joiner the whole document and keeps everyone in step', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    host.text.insert(0, 'hello');
    const guest = peer(relay, 'Grace');
    expect(guest.text.toString()).toBe('hello');

    guest.text.insert(5, ' world');
    expect(host.text.toString()).toBe('hello world');
    const late = peer(relay, 'Linus');
    expect(late.text.toString()).toBe('hello world');
  });

  it('brings what a joiner had before joining to everyone (sync both ways)', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    host.text.insert(0, 'host text');
    const guest = peer(relay, 'Grace', (doc) => doc.getText('code').insert(0, 'guest draft '));
    expect(host.text.toString()).toBe(guest.text.toString());
    expect(host.text.toString()).toContain('guest draft');
    expect(host.text.toString()).toContain('host text');
  });

  it('merges edits made on both sides while one was offline', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    host.text.insert(0, 'line\n');

    guest.link.offline = true;
    guest.text.insert(guest.text.length, 'offline words');
    host.text.insert(0, 'online words ');
    expect(host.text.toString()).not.toContain('offline');

    guest.link.reconnect();
    expect(host.text.toString()).toBe(guest.text.toString());
    expect(host.text.toString()).toContain('offline words');
    expect(guest.text.toString()).toContain('online words');
  });

  it('answers a sync request only to the member who asked', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    const seen: number[] = [];
    guest.link.on('data', ({ from }) => seen.push(from));
    const late = peer(relay, 'Linus');
    // Linus asked everyone; the host's and Grace's answers go to Linus, not to each other.
    expect(seen.every((from) => from === late.link.id)).toBe(true);
    expect(host.text.toString()).toBe(late.text.toString());
  });

  it('maps awareness states to members and drops them when the member leaves', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    guest.provider.awareness.setLocalStateField('user', { name: 'Grace', color: '#2f81f7', memberId: guest.link.id });
    host.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#e5534b', memberId: host.link.id });

    expect(host.provider.awareness.getStates().get(guest.doc.clientID)?.user.name).toBe('Grace');
    expect(guest.provider.awareness.getStates().get(host.doc.clientID)?.user.name).toBe('Ada');
    expect(host.provider.memberOfClient(guest.doc.clientID)).toBe(guest.link.id);

    relay.leave(guest.link);
    expect(host.provider.awareness.getStates().has(guest.doc.clientID)).toBe(false);
    expect(host.provider.memberOfClient(guest.doc.clientID)).toBeUndefined();
  });

  it('shows a newcomer the cursors of those already there', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    host.provider.awareness.setLocalStateField('user', { name: 'Ada', color: '#e5534b', memberId: host.link.id });
    const guest = peer(relay, 'Grace');
    expect(guest.provider.awareness.getStates().get(host.doc.clientID)?.user.name).toBe('Ada');
  });

  it('reports a malformed message instead of throwing, and keeps working', () => {
    const relay = new FakeRelay();
    const errors: unknown[] = [];
    const hostLink = relay.connect('Ada');
    const hostDoc = new Y.Doc();
    const provider = new DocProvider(hostDoc, hostLink, (error) => errors.push(error));
    relay.admit(hostLink);
    hostLink.emit('data', { channel: 1, from: 9, payload: new Uint8Array([0, 0, 5]) });
    hostLink.emit('data', { channel: 1, from: 9, payload: new Uint8Array([7]) });
    expect(errors).toHaveLength(2);
    const guest = peer(relay, 'Grace');
    guest.text.insert(0, 'still fine');
    expect(hostDoc.getText('code').toString()).toBe('still fine');
    provider.dispose();
  });
});
