import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabDoc } from '../../../src/renderer/collab/collab-doc';
import { SharedWorkspace } from '../../../src/renderer/workspace/shared-workspace';
import { WORKSPACE_LIMITS } from '../../../src/shared/protocol/collab/workspace-paths';

/** Two peers whose docs exchange every update at once, as the doc provider would. */
function twoPeers(): { a: SharedWorkspace; b: SharedWorkspace; docs: [CollabDoc, CollabDoc] } {
  const docs: [CollabDoc, CollabDoc] = [new CollabDoc(), new CollabDoc()];
  const [x, y] = docs;
  x.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(y.doc, update, 'remote'));
  y.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(x.doc, update, 'remote'));
  return { a: new SharedWorkspace(x), b: new SharedWorkspace(y), docs };
}

const paths = (workspace: SharedWorkspace) => workspace.files().map((file) => file.path);

describe('the shared workspace', () => {
  it('creates, renames and deletes files for every peer, with languages from the extension', () => {
    const { a, b } = twoPeers();
    a.seed();
    expect(paths(b)).toEqual(['main.js']);
    const created = a.create('tests/test_solution.py', 'import solution\n');
    expect(created.ok).toBe(true);
    expect(b.byPath('tests/test_solution.py')?.language).toBe('python');
    expect(b.byPath('tests/test_solution.py')?.text.toString()).toBe('import solution\n');

    const id = b.byPath('main.js')!.id;
    expect(b.rename(id, 'main.py').ok).toBe(true);
    expect(paths(a)).toEqual(['main.py', 'tests/test_solution.py']);
    expect(a.byId(id)?.language).toBe('python');

    a.remove(id);
    expect(paths(b)).toEqual(['tests/test_solution.py']);
  });

  it('keeps what someone types in a file while another person renames it', () => {
    const { a, b, docs } = twoPeers();
    a.seed();
    const file = a.files()[0]!;
    // Both act "at once": neither has seen the other's change when making its own.
    const offline = new CollabDoc();
    Y.applyUpdate(offline.doc, Y.encodeStateAsUpdate(docs[1].doc));
    const late = new SharedWorkspace(offline);
    late.byId(file.id)!.text.insert(0, 'typed during the rename');
    b.rename(file.id, 'renamed.js');
    for (const { doc } of docs) Y.applyUpdate(doc, Y.encodeStateAsUpdate(offline.doc), 'remote');
    expect(paths(a)).toEqual(['renamed.js']);
    expect(a.byPath('renamed.js')!.text.toString()).toBe('typed during the rename');
  });

  it('refuses a taken name, a bad path, a file under a file and one file too many, saying why', () => {
    const { a } = twoPeers();
    a.seed();
    expect(a.create('main.js')).toEqual({ ok: false, problem: 'main.js already exists' });
    expect(a.create('../x.py')).toMatchObject({ ok: false, problem: expect.stringMatching(/"\.\."/) });
    expect(a.create('main.js/x.py')).toMatchObject({ ok: false, problem: expect.stringMatching(/main\.js is a file/) });
    for (let i = 1; i < WORKSPACE_LIMITS.maxFiles; i++) expect(a.create(`f${i}.py`).ok).toBe(true);
    expect(a.create('one-more.py')).toEqual({ ok: false, problem: `A workspace holds at most ${WORKSPACE_LIMITS.maxFiles} files; delete one first` });
    expect(a.files()).toHaveLength(WORKSPACE_LIMITS.maxFiles);
  });

  it('says when a paste would take a file over its limit, counting what it replaces', () => {
    const { a } = twoPeers();
    a.create('big.txt', 'x'.repeat(WORKSPACE_LIMITS.maxFileBytes - 10));
    expect(a.problemForBytes('big.txt', 10, 0)).toBeUndefined();
    expect(a.problemForBytes('big.txt', 11, 0)).toMatch(/big\.txt would be 4\.0 MiB; a file may hold at most 4 MiB/);
    expect(a.problemForBytes('big.txt', 11, 1)).toBeUndefined();
    a.create('big2.txt', 'x'.repeat(WORKSPACE_LIMITS.maxFileBytes - 10));
    a.create('small.txt');
    expect(a.problemForBytes('small.txt', 21, 0)).toMatch(/all files together may hold at most 8 MiB/);
  });

  it('follows the host\'s entry through a rename, and falls back to main.* when it is deleted', () => {
    const { a, b } = twoPeers();
    a.seed('python');
    const test = a.create('test_solution.py');
    expect(test.ok && b.entry()?.path).toBe('main.py');
    if (!test.ok) return;
    a.setEntry(test.file.id);
    expect(b.entry()?.path).toBe('test_solution.py');
    b.rename(test.file.id, 'tests_solution.py');
    expect(a.entry()?.path).toBe('tests_solution.py');
    b.remove(test.file.id);
    expect(a.entry()?.path).toBe('main.py');
  });

  it('replaces every file with a starter workspace, all or nothing', () => {
    const { a, b } = twoPeers();
    a.seed();
    expect(a.replaceAll([{ path: 'bad name', text: '' }])).toMatchObject({ ok: false });
    expect(paths(b)).toEqual(['main.js']);
    expect(a.replaceAll([{ path: 'solution.py', text: 's' }, { path: 'main.py', text: 'm' }])).toMatchObject({ ok: true });
    expect(paths(b)).toEqual(['main.py', 'solution.py']);
    expect(b.entry()?.path).toBe('main.py');
  });

  it('shows one file per path when two peers create the same path at once, and skips malformed entries', () => {
    const { a, docs } = twoPeers();
    const other = new CollabDoc();
    const otherWorkspace = new SharedWorkspace(other);
    a.create('same.py', 'mine');
    otherWorkspace.create('same.py', 'theirs');
    Y.applyUpdate(docs[0].doc, Y.encodeStateAsUpdate(other.doc), 'remote');
    expect(paths(a)).toEqual(['same.py']);
    docs[0].files.set('junk', 'not a map');
    const noText = new Y.Map<unknown>();
    noText.set('path', 'x.py');
    docs[0].files.set('no-text', noText);
    expect(paths(a)).toEqual(['same.py']);
  });

  it('tells listeners about shape changes, not about typing', () => {
    const { a, b } = twoPeers();
    let changes = 0;
    b.onChange(() => changes++);
    const created = a.create('a.py');
    expect(changes).toBe(1);
    if (created.ok) created.file.text.insert(0, 'typing');
    expect(changes).toBe(1);
    b.dispose();
    a.create('b.py');
    expect(changes).toBe(1);
  });

  it('reads as one text to copy at the end: a lone file as it is, several under their paths', () => {
    const { a } = twoPeers();
    a.create('main.py', 'print(1)\n');
    expect(a.asText()).toBe('print(1)\n');
    a.create('tests/test_main.py', 'import main');
    expect(a.asText()).toBe('// ── main.py ──\nprint(1)\n\n// ── tests/test_main.py ──\nimport main\n');
  });
});
