import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadWorkspaceFolder, saveWorkspaceFolder } from '../../../src/host/run/workspace-folder';
import { WORKSPACE_LIMITS } from '../../../src/shared/protocol/collab/workspace-paths';
import { tempRoot } from '../support';

describe('starter folders and saving the workspace', () => {
  let root: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ root, remove: cleanup } = await tempRoot());
  });
  afterEach(() => cleanup());

  async function put(path: string, content: string | Buffer): Promise<void> {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content);
  }

  it('loads every text file of an exercise, leaving out hidden files, caches and links', async () => {
    await put('exercise/solution.py', 'def add(a, b): ...\n');
    await put('exercise/tests/test_solution.py', 'from solution import add\n');
    await put('exercise/.git/config', '[core]\n');
    await put('exercise/__pycache__/solution.cpython-311.pyc', 'cache');
    await put('secret/id_rsa', 'PRIVATE KEY');
    await symlink(join(root, 'secret/id_rsa'), join(root, 'exercise/key'));
    expect(await loadWorkspaceFolder(join(root, 'exercise'))).toEqual([
      { path: 'solution.py', text: 'def add(a, b): ...\n' },
      { path: 'tests/test_solution.py', text: 'from solution import add\n' },
    ]);
  });

  it('refuses a relative path, a missing folder, a file, an empty folder, saying which', async () => {
    await expect(loadWorkspaceFolder('exercise')).rejects.toMatchObject({ code: 'bad-argument', message: expect.stringMatching(/not an absolute path/) });
    await expect(loadWorkspaceFolder(join(root, 'nope'))).rejects.toMatchObject({ message: `${join(root, 'nope')} does not exist` });
    await put('file.txt', 'x');
    await expect(loadWorkspaceFolder(join(root, 'file.txt'))).rejects.toMatchObject({ message: `${join(root, 'file.txt')} is not a folder` });
    await mkdir(join(root, 'empty'));
    await expect(loadWorkspaceFolder(join(root, 'empty'))).rejects.toMatchObject({ message: expect.stringMatching(/has no files/) });
  });

  it('refuses a folder over the limits, a binary file and a name the workspace cannot hold', async () => {
    await put('big/huge.txt', Buffer.alloc(WORKSPACE_LIMITS.maxFileBytes + 1, 'x'));
    await expect(loadWorkspaceFolder(join(root, 'big'))).rejects.toMatchObject({ message: 'huge.txt is 4.0 MiB; a file may hold at most 4 MiB' });
    for (let i = 0; i <= WORKSPACE_LIMITS.maxFiles; i++) await put(`many/f${i}.py`, '');
    await expect(loadWorkspaceFolder(join(root, 'many'))).rejects.toMatchObject({ message: expect.stringMatching(/more than 64 files/) });
    await put('binary/image.png', Buffer.from([0x89, 0x50, 0, 0]));
    await expect(loadWorkspaceFolder(join(root, 'binary'))).rejects.toMatchObject({ message: expect.stringMatching(/image\.png is not a text file/) });
    await put('spaces/my file.py', '');
    await expect(loadWorkspaceFolder(join(root, 'spaces'))).rejects.toMatchObject({ message: expect.stringMatching(/^my file\.py: /) });
  });

  it('saves into a new folder, and never into one with files in it', async () => {
    const files = [
      { path: 'solution.py', text: 'def add(a, b): return a + b\n' },
      { path: 'tests/test_solution.py', text: 'assert True\n' },
    ];
    const target = join(root, 'saved', 'interview-1');
    expect(await saveWorkspaceFolder(target, files)).toEqual({ folder: target, files: 2 });
    expect(await readFile(join(target, 'tests/test_solution.py'), 'utf8')).toBe('assert True\n');
    expect(await loadWorkspaceFolder(target)).toEqual(files);
    await expect(saveWorkspaceFolder(target, files)).rejects.toMatchObject({ code: 'bad-argument', message: expect.stringMatching(/is not empty/) });
    await expect(saveWorkspaceFolder('saved', files)).rejects.toMatchObject({ message: expect.stringMatching(/not an absolute path/) });
    await expect(saveWorkspaceFolder(join(root, 'x'), [{ path: '../out.py', text: '' }])).rejects.toMatchObject({ message: expect.stringMatching(/^\.\.\/out\.py: /) });
  });
});
