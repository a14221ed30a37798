import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocProvider } from '../../../src/renderer/collab/doc-provider';
import { FakeRelay } from './fake-session';

const providers: DocProvider[] = [];
afterEach(() => {
  for (const provider of providers.splice(0)) provider.dispose();
  vi.useRealTimers();
});

function peer(relay: FakeRelay, name: string, resyncIntervalMs?: number) {
  const link = relay.connect(name);
  const doc = new Y.Doc();
  const provider = new DocProvider(doc, link, () => undefined, { resyncIntervalMs });
  providers.push(provider);
  relay.admit(link);
  return { doc, text: doc.getText('code') };
}

describe('DocProvider heals updates lost on the way', () => {
  it('an update that builds on a lost one makes the receiver ask for what it misses, at once', () => {
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada');
    const guest = peer(relay, 'Grace');
    relay.loseNext = 1;
    host.text.insert(0, 'lost ');
    expect(guest.text.toString()).toBe('');
    host.text.insert(5, 'then this');
    expect(guest.text.toString()).toBe('lost then this');
  });

  it('a lost last update (nothing comes after it) is healed by the periodic state-vector exchange', () => {
    vi.useFakeTimers();
    const relay = new FakeRelay();
    const host = peer(relay, 'Ada', 1_000);
    const guest = peer(relay, 'Grace', 1_000);
    relay.loseNext = 1;
    host.text.insert(0, 'the last thing typed');
    expect(guest.text.toString()).toBe('');
    vi.advanceTimersByTime(1_000);
    expect(guest.text.toString()).toBe('the last thing typed');
  });
});
