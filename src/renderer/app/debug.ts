import type { ChatMessage } from '../collab/collab-doc';
import type { ActiveSession } from './app';

/** Read-only view of converged state for tests; the UI is driven only through roles and names. */
export interface DuetDebug {
  /** The text of the entry file (the only file, in a single-file session). */
  getCode(): string;
  /** Every file's path and text, by path. */
  getFiles(): { path: string; text: string }[];
  getChat(): ChatMessage[];
  state(): {
    screen: string;
    connection: string | undefined;
    memberId: number | undefined;
    isHost: boolean;
    code: string | undefined;
    language: string | undefined;
    members: { id: number; name: string; role: string; connection: string }[];
    latencyMs: number | undefined;
  };
}

declare global {
  interface Window {
    duetDebug?: DuetDebug;
  }
}

/** Installs `window.duetDebug`, reading the app's current session through `current`. */
export function exposeDebug(current: () => { screen: string; active: ActiveSession | undefined }): void {
  window.duetDebug = {
    getCode: () => current().active?.session.workspace.entry()?.text.toString() ?? '',
    getFiles: () => current().active?.session.workspace.contents() ?? [],
    getChat: () => current().active?.session.collab.chatMessages() ?? [],
    state: () => {
      const { screen, active } = current();
      const client = active?.client;
      return {
        screen,
        connection: client?.state,
        memberId: client?.me?.id,
        isHost: client?.isHost ?? false,
        code: client?.session?.code,
        language: active?.session.workspace.entry()?.language,
        members: [...(client?.members.values() ?? [])].map(({ id, name, role, connection }) => ({ id, name, role, connection })),
        latencyMs: client?.latencyMs,
      };
    },
  };
}
