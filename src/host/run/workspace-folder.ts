import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { HostApiError } from '../../shared/host-api';
import {
  WORKSPACE_LIMITS,
  formatBytes,
  pathProblem,
  workspaceProblem,
  type WorkspaceFileContent,
} from '../../shared/protocol/collab/workspace-paths';

/** Folders a starter workspace leaves out: version control, caches and dependencies, never exercise files. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'target', 'venv']);

/**
 * Reads a starter workspace from a folder the host typed: every text file under it (hidden
 * files and folders, dependency folders and symbolic links left out — a link could point at
 * anything on the machine, and the files are shown to the guests), within WORKSPACE_LIMITS.
 * Refuses with a message that says what to fix: not absolute, not a folder, too many or too
 * big files, a binary file, a name the workspace cannot hold.
 */
export async function loadWorkspaceFolder(folder: string): Promise<WorkspaceFileContent[]> {
  const root = await existingFolder(folder);
  const files: WorkspaceFileContent[] = [];
  let total = 0;
  const visit = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const full = join(dir, entry.name);
      const path = relative(root, full).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const problem = pathProblem(path);
      if (problem) throw new HostApiError('bad-argument', `${path}: ${problem}; rename it or leave it out of the folder`);
      if (files.length >= WORKSPACE_LIMITS.maxFiles) throw new HostApiError('bad-argument', `the folder has more than ${WORKSPACE_LIMITS.maxFiles} files; a workspace holds at most ${WORKSPACE_LIMITS.maxFiles}`);
      const { size } = await lstat(full);
      if (size > WORKSPACE_LIMITS.maxFileBytes) throw new HostApiError('bad-argument', `${path} is ${formatBytes(size)}; a file may hold at most ${formatBytes(WORKSPACE_LIMITS.maxFileBytes)}`);
      total += size;
      if (total > WORKSPACE_LIMITS.maxTotalBytes) throw new HostApiError('bad-argument', `the files add up to more than ${formatBytes(WORKSPACE_LIMITS.maxTotalBytes)}, the most a workspace holds`);
      const bytes = await readFile(full);
      if (bytes.includes(0)) throw new HostApiError('bad-argument', `${path} is not a text file; leave it out of the folder`);
      files.push({ path, text: bytes.toString('utf8') });
    }
  };
  await visit(root);
  if (files.length === 0) throw new HostApiError('bad-argument', `${root} has no files to start from`);
  const problem = workspaceProblem(files);
  if (problem) throw new HostApiError('bad-argument', problem);
  return files;
}

/**
 * Saves the workspace into a folder the host typed: a new folder (created) or an empty one,
 * so nothing already on the machine is overwritten. Answers where and how many files.
 */
export async function saveWorkspaceFolder(folder: string, files: readonly WorkspaceFileContent[]): Promise<{ folder: string; files: number }> {
  const problem = workspaceProblem(files);
  if (problem) throw new HostApiError('bad-argument', problem);
  const root = absolute(folder);
  const existing = await lstat(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new HostApiError('bad-argument', `cannot use ${root}: ${error.message}`);
  });
  if (existing && !existing.isDirectory()) throw new HostApiError('bad-argument', `${root} is not a folder`);
  if (existing && (await readdir(root)).length > 0) throw new HostApiError('bad-argument', `${root} is not empty; choose a new or empty folder so nothing there is overwritten`);
  await mkdir(root, { recursive: true });
  for (const file of files) {
    const target = join(root, file.path);
    await mkdir(dirname(target), { recursive: true });
    // 'wx': never replace a file, even one that appeared since the check above.
    await writeFile(target, file.text, { flag: 'wx' });
  }
  return { folder: root, files: files.length };
}

function absolute(folder: string): string {
  const trimmed = folder.trim();
  if (!isAbsolute(trimmed)) throw new HostApiError('bad-argument', `${JSON.stringify(folder)} is not an absolute path; type the full path, e.g. /home/you/exercise`);
  return trimmed;
}

async function existingFolder(folder: string): Promise<string> {
  const root = absolute(folder);
  const stats = await lstat(root).catch((error: NodeJS.ErrnoException) => {
    throw new HostApiError('bad-argument', error.code === 'ENOENT' ? `${root} does not exist` : `cannot read ${root}: ${error.message}`);
  });
  if (!stats.isDirectory()) throw new HostApiError('bad-argument', `${root} is not a folder`);
  return root;
}
