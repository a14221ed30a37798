import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import { CollabDoc } from '../../../src/renderer/collab/collab-doc';
import { publishUser } from '../../../src/renderer/collab/presence';
import { OpenFile } from '../../../src/renderer/workspace/open-file';
import { SharedWorkspace } from '../../../src/renderer/workspace/shared-workspace';

function setUp() {
  const collab = new CollabDoc();
  const workspace = new SharedWorkspace(collab);
  const awareness = new Awareness(collab.doc);
  const openFile = new OpenFile(workspace, awareness);
  const published = () => (awareness.getLocalState()?.user as { file?: string } | undefined)?.file;
  const opened: (string | undefined)[] = [];
  openFile.onChange((file) => opened.push(file?.path));
  return { workspace, awareness, openFile, published, opened };
}

describe('the open file', () => {
  it('opens the entry once files arrive, follows a rename and publishes the path as user.file', () => {
    const { workspace, openFile, published, opened, awareness } = setUp();
    expect(openFile.current()).toBeUndefined();
    expect(published()).toBe('');
    workspace.seed('python');
    expect(openFile.current()?.path).toBe('main.py');
    expect(published()).toBe('main.py');
    // Publishing who we are keeps the file.
    publishUser(awareness, { name: 'Ada', color: '#e5534b', memberId: 1 });
    expect(awareness.getLocalState()?.user).toEqual({ name: 'Ada', color: '#e5534b', memberId: 1, file: 'main.py' });

    const id = openFile.current()!.id;
    workspace.rename(id, 'app.py');
    expect(openFile.current()?.id).toBe(id);
    expect(published()).toBe('app.py');
    expect(opened).toEqual(['main.py', 'app.py']);
  });

  it('keeps the member\'s own choice, and falls back to the entry when their file is deleted', () => {
    const { workspace, openFile, published } = setUp();
    workspace.seed('python');
    const other = workspace.create('helper.py');
    if (!other.ok) throw new Error(other.problem);
    openFile.open(other.file.id);
    workspace.create('later.py');
    expect(openFile.current()?.path).toBe('helper.py');
    workspace.remove(other.file.id);
    expect(openFile.current()?.path).toBe('main.py');
    expect(published()).toBe('main.py');
    // A file that does not exist cannot be opened.
    openFile.open('no-such-id');
    expect(openFile.current()?.path).toBe('main.py');
  });

  it('stops following the workspace once disposed', () => {
    const { workspace, openFile, opened } = setUp();
    openFile.dispose();
    workspace.seed();
    expect(opened).toEqual([]);
  });
});
