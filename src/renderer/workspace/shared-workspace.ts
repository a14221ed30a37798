import * as Y from 'yjs';
import type { Language } from '../../shared/host-api';
import { Emitter } from '../../shared/lifecycle';
import { DEFAULT_LANGUAGE, type FileEntryKey, type MetaKey } from '../../shared/protocol/collab/doc-layout';
import {
  WORKSPACE_LIMITS,
  defaultEntry,
  formatBytes,
  languageOfPath,
  mainFileOf,
  normalizePath,
  pathProblem,
  treeProblem,
  utf8Bytes,
  workspaceProblem,
  type WorkspaceFileContent,
} from '../../shared/protocol/collab/workspace-paths';
import type { CollabDoc } from '../collab/collab-doc';

/** One file of the shared workspace, as this peer reads it. */
export interface WorkspaceFile {
  /** Stable across renames: the key of its entry in the doc's `files` map. */
  id: string;
  path: string;
  text: Y.Text;
  /** From the extension; undefined for plain text. */
  language: Language | undefined;
}

/** What a workspace change gives back: the file, or why not (shown to the person as it is). */
export type WorkspaceResult = { ok: true; file: WorkspaceFile } | { ok: false, problem: string };

/**
 * The files of the session, laid out in the shared doc as doc-layout.ts says (`files`: id →
 * Y.Map {path, text}; `meta.entry`: the id Run starts). Every peer may create, rename and
 * delete; each change is checked against WORKSPACE_LIMITS first, so a change over a limit is
 * refused here with a message and never written (nothing for another peer to disagree with).
 * Peers may be hostile: entries that are not well-formed are skipped, and of two entries
 * with one path (two people creating it at once) the one with the smaller id is shown.
 */
export class SharedWorkspace {
  private readonly events = new Emitter<{ change: () => void }>();
  private cached: WorkspaceFile[] | undefined;
  private counter = 0;

  constructor(private readonly collab: CollabDoc) {
    collab.files.observeDeep(this.onFilesChanged);
    collab.meta.observe(this.onMetaChanged);
  }

  /** The files, by path. */
  files(): WorkspaceFile[] {
    if (this.cached) return this.cached;
    const byPath = new Map<string, WorkspaceFile>();
    for (const [id, value] of [...this.collab.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!(value instanceof Y.Map)) continue;
      const path = value.get('path' satisfies FileEntryKey);
      const text = value.get('text' satisfies FileEntryKey);
      if (typeof path !== 'string' || !(text instanceof Y.Text) || pathProblem(path) || byPath.has(path)) continue;
      byPath.set(path, { id, path, text, language: languageOfPath(path) });
    }
    this.cached = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.cached;
  }

  /** A file by id. */
  byId(id: string | undefined): WorkspaceFile | undefined {
    return id === undefined ? undefined : this.files().find((file) => file.id === id);
  }

  /** A file by path. */
  byPath(path: string): WorkspaceFile | undefined {
    return this.files().find((file) => file.path === path);
  }

  /** The file whose text this is, if any. */
  ofText(text: Y.AbstractType<unknown>): WorkspaceFile | undefined {
    return this.files().find((file) => file.text === text);
  }

  /** The file Run starts: the host's choice, else the `main.*` file (or the only one). */
  entry(): WorkspaceFile | undefined {
    const chosen = this.collab.meta.get('entry' satisfies MetaKey);
    const file = typeof chosen === 'string' ? this.byId(chosen) : undefined;
    if (file) return file;
    const fallback = defaultEntry(this.files().map((f) => f.path));
    return fallback === undefined ? undefined : this.byPath(fallback);
  }

  /** Host: chooses the file Run starts. */
  setEntry(id: string): void {
    if (this.byId(id)) this.collab.meta.set('entry' satisfies MetaKey, id);
  }

  /** Whether the host chose the entry (rather than the default). */
  entryChosen(): boolean {
    const chosen = this.collab.meta.get('entry' satisfies MetaKey);
    return typeof chosen === 'string' && this.byId(chosen) !== undefined;
  }

  /** Creates a file (folders in its path come with it). */
  create(typedPath: string, content = ''): WorkspaceResult {
    const path = normalizePath(typedPath);
    const problem = this.problemForNewPath(path) ?? this.problemForBytes(path, utf8Bytes(content), 0);
    if (problem) return { ok: false, problem };
    if (this.files().length >= WORKSPACE_LIMITS.maxFiles) {
      return { ok: false, problem: `A workspace holds at most ${WORKSPACE_LIMITS.maxFiles} files; delete one first` };
    }
    const id = this.newId();
    this.collab.doc.transact(() => this.collab.files.set(id, newEntry(path, content)));
    return { ok: true, file: this.byId(id)! };
  }

  /** Moves a file to another path; its text, and anyone's cursor in it, stay. */
  rename(id: string, typedPath: string): WorkspaceResult {
    const file = this.byId(id);
    if (!file) return { ok: false, problem: 'That file is gone' };
    const path = normalizePath(typedPath);
    if (path === file.path) return { ok: true, file };
    const problem = this.problemForNewPath(path, id);
    if (problem) return { ok: false, problem };
    (this.collab.files.get(id) as Y.Map<unknown>).set('path' satisfies FileEntryKey, path);
    return { ok: true, file: this.byId(id)! };
  }

  /** Deletes a file. */
  remove(id: string): void {
    this.collab.doc.transact(() => {
      this.collab.files.delete(id);
      if (this.collab.meta.get('entry' satisfies MetaKey) === id) this.collab.meta.delete('entry' satisfies MetaKey);
    });
  }

  /**
   * Replaces every file with `files` (a starter folder), in one transaction, and lets the
   * default pick the entry. Checked whole first: all or nothing.
   */
  replaceAll(files: readonly WorkspaceFileContent[]): WorkspaceResult | { ok: true; file: undefined } {
    const problem = workspaceProblem(files);
    if (problem) return { ok: false, problem };
    this.collab.doc.transact(() => {
      for (const id of [...this.collab.files.keys()]) this.collab.files.delete(id);
      this.collab.meta.delete('entry' satisfies MetaKey);
      for (const file of files) this.collab.files.set(this.newId(), newEntry(file.path, file.text));
    });
    const entry = this.entry();
    return entry ? { ok: true, file: entry } : { ok: true, file: undefined };
  }

  /** A new session's workspace: the default language's main file. Does nothing once there are files. */
  seed(language: Language = DEFAULT_LANGUAGE): void {
    if (this.collab.files.size === 0) this.create(mainFileOf(language));
  }

  /** Every file's path and text, e.g. for a run or a save. */
  contents(): WorkspaceFileContent[] {
    return this.files().map((file) => ({ path: file.path, text: file.text.toString() }));
  }

  /**
   * The whole workspace as one text to copy when the session ends: a single file as it is,
   * several each under a `// ── path ──` line.
   */
  asText(): string {
    const files = this.contents();
    if (files.length === 1) return files[0]!.text;
    return files.map((file) => `// ── ${file.path} ──\n${file.text}${file.text.endsWith('\n') ? '' : '\n'}`).join('\n');
  }

  /**
   * Why adding `addedBytes` to `path` (replacing `removedBytes` of it) would break a limit,
   * or undefined: what a paste is checked against before it reaches the text.
   */
  problemForBytes(path: string, addedBytes: number, removedBytes: number): string | undefined {
    const current = this.byPath(path);
    const fileBytes = (current ? utf8Bytes(current.text.toString()) : 0) - removedBytes + addedBytes;
    if (fileBytes > WORKSPACE_LIMITS.maxFileBytes) {
      return `${path} would be ${formatBytes(fileBytes)}; a file may hold at most ${formatBytes(WORKSPACE_LIMITS.maxFileBytes)}`;
    }
    const others = this.files().reduce((sum, file) => (file.path === path ? sum : sum + utf8Bytes(file.text.toString())), 0);
    if (others + fileBytes > WORKSPACE_LIMITS.maxTotalBytes) {
      return `The workspace would hold ${formatBytes(others + fileBytes)}; all files together may hold at most ${formatBytes(WORKSPACE_LIMITS.maxTotalBytes)}`;
    }
    return undefined;
  }

  /** Calls `listener` after files were added, removed or renamed, or the entry changed (not on text edits). */
  onChange(listener: () => void): () => void {
    return this.events.on('change', listener);
  }

  /** Stops observing the doc. */
  dispose(): void {
    this.collab.files.unobserveDeep(this.onFilesChanged);
    this.collab.meta.unobserve(this.onMetaChanged);
    this.events.clear();
  }

  private problemForNewPath(path: string, renaming?: string): string | undefined {
    const problem = pathProblem(path);
    if (problem) return capitalize(problem);
    const others = this.files().filter((file) => file.id !== renaming);
    if (others.some((file) => file.path === path)) return `${path} already exists`;
    return treeProblem([...others.map((file) => file.path), path]);
  }

  private newId(): string {
    this.counter += 1;
    return `${this.collab.doc.clientID.toString(36)}-${Date.now().toString(36)}-${this.counter}`;
  }

  private readonly onFilesChanged = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    // Text edits inside a file are not a change of the workspace's shape.
    if (events.every((event) => event.target instanceof Y.Text)) return;
    this.cached = undefined;
    this.events.emit('change');
  };

  private readonly onMetaChanged = (event: Y.YMapEvent<unknown>): void => {
    if (event.keysChanged.has('entry' satisfies MetaKey)) this.events.emit('change');
  };
}

function newEntry(path: string, content: string): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  entry.set('path' satisfies FileEntryKey, path);
  entry.set('text' satisfies FileEntryKey, new Y.Text(content));
  return entry;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
