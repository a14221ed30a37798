import type { Awareness } from 'y-protocols/awareness';
import { Emitter } from '../../shared/lifecycle';
import { publishOpenFile } from '../collab/presence';
import type { SharedWorkspace, WorkspaceFile } from './shared-workspace';

/**
 * Which file this member has open in the editor: their own choice, kept by file id so a
 * rename by someone else keeps it open. When it is deleted (or nothing is open yet) the
 * entry file opens, else the first file. Its path is published in awareness as `user.file`.
 */
export class OpenFile {
  private readonly events = new Emitter<{ change: (file: WorkspaceFile | undefined) => void }>();
  private id: string | undefined;
  private path: string | undefined;
  private readonly offWorkspace: () => void;

  constructor(
    private readonly workspace: SharedWorkspace,
    private readonly awareness: Awareness,
  ) {
    this.offWorkspace = workspace.onChange(() => this.settle());
    this.settle();
  }

  /** The open file, if any. */
  current(): WorkspaceFile | undefined {
    return this.workspace.byId(this.id);
  }

  /** Opens a file (by id). */
  open(id: string): void {
    if (!this.workspace.byId(id)) return;
    this.id = id;
    this.settle();
  }

  /** Calls `listener` when another file opens, or the open one is renamed. */
  onChange(listener: (file: WorkspaceFile | undefined) => void): () => void {
    return this.events.on('change', listener);
  }

  dispose(): void {
    this.offWorkspace();
    this.events.clear();
  }

  private settle(): void {
    const file = this.workspace.byId(this.id) ?? this.workspace.entry() ?? this.workspace.files()[0];
    const changed = file?.id !== this.id || file?.path !== this.path;
    this.id = file?.id;
    this.path = file?.path;
    publishOpenFile(this.awareness, file?.path ?? '');
    if (changed) this.events.emit('change', file);
  }
}
