import type { WorkspaceFileContent } from '../../shared/protocol/collab/workspace-paths';

/** What Run sends to the host: the workspace's files and the one to start, or why there is nothing to run. */
export type RunSource = { entry: string; files: WorkspaceFileContent[] } | { problem: string };
