import type { HostApi } from '../../shared/host-api';
import { workspaceProblem, type WorkspaceFileContent } from '../../shared/protocol/collab/workspace-paths';

/**
 * Reads a starter workspace (an exercise with its tests) from a folder on the host's machine,
 * for a session about to be created: the files, or what is wrong with the folder, as the
 * host side said it.
 */
export async function loadStarter(hostApi: HostApi, folder: string): Promise<{ ok: true; files: WorkspaceFileContent[] } | { ok: false; problem: string }> {
  try {
    const files = await hostApi.run.loadWorkspace(folder);
    const problem = workspaceProblem(files);
    return problem ? { ok: false, problem } : { ok: true, files };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
