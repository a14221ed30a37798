import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { lineColumnAt, peerPresence } from '../../../src/renderer/collab/presence';

describe('presence', () => {
  it('turns offsets into 1-based lines and columns', () => {
    expect(lineColumnAt('', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('abc', 3)).toEqual({ line: 1, column: 4 });
    expect(lineColumnAt('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
    expect(lineColumnAt('ab', 99)).toEqual({ line: 1, column: 3 });
  });

  it('resolves a peer\'s cursor against the current text, following edits before it', () => {
    const doc = new Y.Doc();
    const text = doc.getText('code');
    text.insert(0, 'one\ntwo');
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
    const remote = new Awareness(remoteDoc);
    const head = Y.createRelativePositionFromTypeIndex(remoteDoc.getText('code'), 7);
    remote.setLocalState({ user: { name: 'Grace', color: '#2f81f7', memberId: 2 }, selection: { anchor: head, head } });

    const local = new Awareness(doc);
    // What crosses the wire is JSON.
    local.states.set(remoteDoc.clientID, JSON.parse(JSON.stringify(remote.getLocalState())));
    const pathOf = (type: Y.AbstractType<unknown>) => (type === text ? 'main.py' : undefined);
    expect(peerPresence(local, pathOf, () => 2)[0]).toMatchObject({ memberId: 2, user: { name: 'Grace' }, cursor: { line: 2, column: 4, file: 'main.py' } });

    text.insert(0, 'zero\n');
    expect(peerPresence(local, pathOf, () => 2)[0]?.cursor).toEqual({ line: 3, column: 4, file: 'main.py' });
    // A cursor in a text that is no workspace file (or a file this peer lacks) is no cursor.
    expect(peerPresence(local, () => undefined, () => 2)[0]?.cursor).toBeUndefined();
    local.destroy();
    remote.destroy();
  });

  it('ignores states without a usable user', () => {
    const doc = new Y.Doc();
    const local = new Awareness(doc);
    local.states.set(12345, { user: 'nonsense' });
    expect(peerPresence(local, () => 'main.py', () => undefined)).toEqual([]);
    local.destroy();
  });
});
