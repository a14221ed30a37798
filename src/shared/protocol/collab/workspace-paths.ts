import type { Language } from '../languages';
import { utf8Encode } from '../../utf8';

/**
 * The rules every peer and the host apply to the shared workspace's files: which paths are
 * allowed, how many files and bytes it may hold, and which language a file is in. One module,
 * so a path the editor accepts is a path the host will write, and a limit the UI enforces is
 * the limit the host checks again.
 */

/** The workspace's limits (docs/protocol.md, "Shared document"). */
export const WORKSPACE_LIMITS = {
  /** Files in the workspace. */
  maxFiles: 64,
  /** Characters in a path, folders included. */
  maxPathLength: 128,
  /** Folders above a file, plus one: `a/b/c.py` has depth 3. */
  maxPathDepth: 6,
  /** UTF-8 bytes in one file: above the 3 MiB paste that must sync (big-paste), with room. */
  maxFileBytes: 4 * 1024 * 1024,
  /** UTF-8 bytes in all files together. */
  maxTotalBytes: 8 * 1024 * 1024,
} as const;

/** Folder names the host keeps for itself in the session folder (the run wrapper lives in `.duet`). */
const RESERVED_TOP = new Set(['.duet']);
const SEGMENT = /^[\w.-]+$/;

/** Why `path` cannot name a workspace file, or undefined when it can. */
export function pathProblem(path: string): string | undefined {
  if (typeof path !== 'string' || path === '') return 'a file needs a name';
  if (path.length > WORKSPACE_LIMITS.maxPathLength) return `a path may have at most ${WORKSPACE_LIMITS.maxPathLength} characters`;
  const segments = path.split('/');
  if (segments.length > WORKSPACE_LIMITS.maxPathDepth) return `a path may have at most ${WORKSPACE_LIMITS.maxPathDepth - 1} folders`;
  for (const segment of segments) {
    if (segment === '') return 'a path has no empty parts (no leading, trailing or double "/")';
    if (segment === '.' || segment === '..') return 'a path may not contain "." or ".." parts';
    if (!SEGMENT.test(segment)) return `"${segment}" may contain only letters, digits, ".", "-" and "_"`;
  }
  if (RESERVED_TOP.has(segments[0]!)) return `"${segments[0]}" is reserved for Duet`;
  return undefined;
}

/** A path as a person typed it, tidied: spaces trimmed, backslashes as "/", no leading "./" or "/". */
export function normalizePath(typed: string): string {
  return typed
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

/**
 * Why a set of paths cannot be one workspace on disk (a path that is both a file and a
 * folder, or the same path twice), or undefined when it can.
 */
export function treeProblem(paths: readonly string[]): string | undefined {
  const files = new Set<string>();
  for (const path of paths) {
    if (files.has(path)) return `${path} is there twice`;
    files.add(path);
  }
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const folder = segments.slice(0, i).join('/');
      if (files.has(folder)) return `${folder} is a file, so it cannot also be the folder of ${path}`;
    }
  }
  return undefined;
}

/** One file's content, as it travels to the host (a run, a save) or comes from it (a starter folder). */
export interface WorkspaceFileContent {
  path: string;
  text: string;
}

/** UTF-8 size of a text. */
export function utf8Bytes(text: string): number {
  return utf8Encode(text).length;
}

/** Why these files break a workspace limit or rule, or undefined when they are a valid workspace. */
export function workspaceProblem(files: readonly WorkspaceFileContent[]): string | undefined {
  if (files.length > WORKSPACE_LIMITS.maxFiles) return `a workspace may hold at most ${WORKSPACE_LIMITS.maxFiles} files (this one has ${files.length})`;
  let total = 0;
  for (const file of files) {
    const problem = pathProblem(file.path);
    if (problem) return `${file.path}: ${problem}`;
    const bytes = utf8Bytes(file.text);
    if (bytes > WORKSPACE_LIMITS.maxFileBytes) return `${file.path} is ${formatBytes(bytes)}; a file may hold at most ${formatBytes(WORKSPACE_LIMITS.maxFileBytes)}`;
    total += bytes;
  }
  if (total > WORKSPACE_LIMITS.maxTotalBytes) return `the files add up to ${formatBytes(total)}; a workspace may hold at most ${formatBytes(WORKSPACE_LIMITS.maxTotalBytes)}`;
  return treeProblem(files.map((file) => file.path));
}

/** "512 B", "12.5 KiB", "4 MiB": for limit messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

/** Which language each file extension is in; other files show as plain text and do not run. */
const LANGUAGE_OF_EXTENSION: Readonly<Record<string, Language>> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  py: 'python',
  go: 'go',
  rs: 'rust',
  c: 'c',
  h: 'c',
  cpp: 'cpp',
  cc: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  java: 'java',
  sh: 'shell',
  rb: 'ruby',
};

/** The extension a new file of each language gets. */
const EXTENSION_OF_LANGUAGE: Readonly<Record<Language, string>> = {
  javascript: 'js',
  typescript: 'ts',
  python: 'py',
  go: 'go',
  rust: 'rs',
  c: 'c',
  cpp: 'cpp',
  java: 'java',
  shell: 'sh',
  ruby: 'rb',
};

/** The language of a file, from its extension; undefined for other files (plain text). */
export function languageOfPath(path: string): Language | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return LANGUAGE_OF_EXTENSION[name.slice(dot + 1).toLowerCase()];
}

/** The file a workspace of `language` starts with: `main.py`, `Main.java`. */
export function mainFileOf(language: Language): string {
  return language === 'java' ? 'Main.java' : `main.${EXTENSION_OF_LANGUAGE[language]}`;
}

/**
 * `path` with its extension changed to `language`'s: what the language picker does to a
 * file. A `main.*` file becomes that language's main file (`main.js` → `Main.java`).
 */
export function withLanguage(path: string, language: Language): string {
  const slash = path.lastIndexOf('/') + 1;
  const folder = path.slice(0, slash);
  const name = path.slice(slash);
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  if (base === 'main' || base === 'Main') return folder + mainFileOf(language);
  return `${folder}${base}.${EXTENSION_OF_LANGUAGE[language]}`;
}

/**
 * The file Run starts when the host chose none (or its choice is gone): a `main.*` file at the
 * top (the first by name), else the only file; undefined when there is no obvious one.
 */
export function defaultEntry(paths: readonly string[]): string | undefined {
  const mains = paths.filter((path) => /^[Mm]ain\.[^/]+$/.test(path) && languageOfPath(path)).sort();
  if (mains[0]) return mains[0];
  return paths.length === 1 ? paths[0] : undefined;
}
