import { describe, expect, it } from 'vitest';
import {
  WORKSPACE_LIMITS,
  defaultEntry,
  languageOfPath,
  normalizePath,
  pathProblem,
  treeProblem,
  withLanguage,
  workspaceProblem,
} from '../../../../src/shared/protocol/collab/workspace-paths';

describe('workspace paths and limits', () => {
  it('accepts plain relative paths with folders', () => {
    for (const path of ['main.py', 'tests/test_solution.py', 'a-b/c_d/e.f.txt', 'Makefile']) expect(pathProblem(path)).toBeUndefined();
  });

  it('refuses paths the host could not write safely, saying why', () => {
    expect(pathProblem('')).toMatch(/needs a name/);
    expect(pathProblem('../etc/passwd')).toMatch(/"\.\."/);
    expect(pathProblem('/abs.py')).toMatch(/empty parts/);
    expect(pathProblem('a//b.py')).toMatch(/empty parts/);
    expect(pathProblem('my file.py')).toMatch(/only letters, digits/);
    expect(pathProblem('.duet/run')).toMatch(/reserved/);
    expect(pathProblem('x'.repeat(WORKSPACE_LIMITS.maxPathLength + 1))).toMatch(/at most 128 characters/);
    expect(pathProblem('a/b/c/d/e/f/g.py')).toMatch(/at most 5 folders/);
  });

  it('tidies what a person types', () => {
    expect(normalizePath('  ./tests\\test_a.py ')).toBe('tests/test_a.py');
    expect(normalizePath('/main.py')).toBe('main.py');
  });

  it('finds a path that is both a file and a folder, or twice', () => {
    expect(treeProblem(['a.py', 'b/c.py'])).toBeUndefined();
    expect(treeProblem(['b', 'b/c.py'])).toMatch(/b is a file/);
    expect(treeProblem(['a.py', 'a.py'])).toMatch(/twice/);
  });

  it('holds a workspace to its file count, file size and total size', () => {
    const many = Array.from({ length: WORKSPACE_LIMITS.maxFiles + 1 }, (_, i) => ({ path: `f${i}.py`, text: '' }));
    expect(workspaceProblem(many)).toMatch(/at most 64 files/);
    expect(workspaceProblem(many.slice(1))).toBeUndefined();
    const big = 'x'.repeat(WORKSPACE_LIMITS.maxFileBytes + 1);
    expect(workspaceProblem([{ path: 'big.txt', text: big }])).toMatch(/big\.txt is 4\.0 MiB; a file may hold at most 4 MiB/);
    // Bytes, not characters: 'é' is two bytes in UTF-8.
    expect(workspaceProblem([{ path: 'e.txt', text: 'é'.repeat(WORKSPACE_LIMITS.maxFileBytes / 2 + 1) }])).toMatch(/a file may hold at most/);
    const third = 'x'.repeat(3 * 1024 * 1024);
    expect(workspaceProblem([1, 2, 3].map((i) => ({ path: `p${i}.txt`, text: third })))).toMatch(/add up to 9 MiB; a workspace may hold at most 8 MiB/);
    expect(workspaceProblem([{ path: 'bad name.py', text: '' }])).toMatch(/^bad name\.py: /);
  });

  it('reads a file\'s language from its extension', () => {
    expect(languageOfPath('tests/test_solution.py')).toBe('python');
    expect(languageOfPath('Main.java')).toBe('java');
    expect(languageOfPath('lib.h')).toBe('c');
    expect(languageOfPath('README.md')).toBeUndefined();
    expect(languageOfPath('.py')).toBeUndefined();
  });

  it('changes a file\'s language by its extension, main files to the language\'s main file', () => {
    expect(withLanguage('main.js', 'python')).toBe('main.py');
    expect(withLanguage('main.js', 'java')).toBe('Main.java');
    expect(withLanguage('Main.java', 'go')).toBe('main.go');
    expect(withLanguage('src/util.ts', 'javascript')).toBe('src/util.js');
    expect(withLanguage('notes', 'ruby')).toBe('notes.rb');
  });

  it('defaults the entry to a top-level main file, else the only file', () => {
    expect(defaultEntry(['solution.py', 'main.py', 'test_solution.py'])).toBe('main.py');
    expect(defaultEntry(['tests/main.py', 'solution.py'])).toBeUndefined();
    expect(defaultEntry(['solution.py'])).toBe('solution.py');
    expect(defaultEntry(['Main.java', 'Helper.java'])).toBe('Main.java');
    expect(defaultEntry([])).toBeUndefined();
  });
});
