import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HostApiError } from '../../shared/host-api';
import { workspaceProblem, type WorkspaceFileContent } from '../../shared/protocol/collab/workspace-paths';

/**
 * Writes the shared workspace into the session folder before each run. Files a previous run
 * wrote that are gone from the workspace now (deleted, or renamed away) are removed, so a
 * test never imports a stale copy; files the program or the shell made are left alone.
 */
export class WorkspaceWriter {
  private written = new Set<string>();

  /** Writes `files` under `dir` (checked again here: the renderer is not trusted). */
  async write(dir: string, files: readonly WorkspaceFileContent[]): Promise<void> {
    const problem = workspaceProblem(files);
    if (problem) throw new HostApiError('bad-argument', problem);
    const now = new Set(files.map((file) => file.path));
    for (const path of this.written) {
      if (!now.has(path)) await rm(join(dir, path), { force: true });
    }
    for (const file of files) {
      const target = join(dir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.text);
    }
    this.written = now;
  }
}
