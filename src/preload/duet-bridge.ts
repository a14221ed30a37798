import type {
  AppInfo,
  Language,
  LocalRelayInfo,
  RunPresetInfo,
  RunState,
  Settings,
  TerminalCatchUp,
  TerminalChunk,
  TerminalExit,
  TerminalInfo,
  TerminalSize,
  Unsubscribe,
} from '../shared/host-api';
import type { HostCall, HostEvent } from '../shared/host-api-calls';
import type { DuetBridge, HostCallReply } from '../shared/duet-bridge';

export type { DuetBridge, HostCallReply };

const MAX_EARLY_INVITE_LINKS = 4;

/** The part of Electron's ipcRenderer the bridge needs (injected so the bridge is testable without Electron). */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the object the preload exposes as `window.duet`: one function per IPC call of
 * HOST_CALLS and one subscription per HOST_EVENTS entry. Listeners never see Electron's
 * event object (it would hand the page `sender`, i.e. a way back into ipcRenderer).
 */
export function createDuetBridge(ipc: BridgeIpc): DuetBridge {
  const call = <T>(name: HostCall, ...args: unknown[]): Promise<HostCallReply<T>> =>
    ipc.invoke(name, ...args) as Promise<HostCallReply<T>>;
  const subscribe =
    <T>(event: HostEvent) =>
    (listener: (payload: T) => void): Unsubscribe => {
      const forward = (_event: unknown, payload: unknown): void => listener(payload as T);
      ipc.on(event, forward);
      return () => {
        ipc.removeListener(event, forward);
      };
    };
  // An invite link that launched the app arrives before the page has subscribed: keep it
  // (a few at most) for the first subscriber instead of losing it.
  const earlyInviteLinks: string[] = [];
  let inviteSubscribers = 0;
  ipc.on('app:invite-link', (_event, url) => {
    if (inviteSubscribers === 0 && typeof url === 'string' && earlyInviteLinks.length < MAX_EARLY_INVITE_LINKS) earlyInviteLinks.push(url);
  });
  const onInviteLink = (listener: (url: string) => void): Unsubscribe => {
    inviteSubscribers++;
    const unsubscribe = subscribe<string>('app:invite-link')(listener);
    for (const url of earlyInviteLinks.splice(0)) listener(url);
    return () => {
      inviteSubscribers--;
      unsubscribe();
    };
  };
  return {
    appInfo: () => call<AppInfo>('app:info'),
    getSettings: () => call<Settings>('settings:get'),
    setSettings: (patch: Partial<Settings>) => call<Settings>('settings:set', patch),
    openExternal: (url: string) => call<void>('shell:open-external', url),
    localRelay: () => call<LocalRelayInfo | null>('relay:local'),
    terminalOpen: (size: TerminalSize) => call<TerminalInfo>('terminal:open', size),
    terminalWrite: (data: string) => call<void>('terminal:write', data),
    terminalResize: (size: TerminalSize) => call<void>('terminal:resize', size),
    terminalAck: (bytes: number) => call<void>('terminal:ack', bytes),
    terminalCatchUp: (seq: number) => call<TerminalCatchUp>('terminal:catch-up', seq),
    terminalClose: () => call<void>('terminal:close'),
    runPresets: () => call<RunPresetInfo[]>('run:presets'),
    runRun: (request: { language: Language; source: string }) => call<void>('run:run', request),
    runStop: () => call<void>('run:stop'),
    runCurrent: () => call<RunState>('run:current'),
    onTerminalOutput: subscribe<TerminalChunk>('terminal:output'),
    onTerminalExit: subscribe<TerminalExit>('terminal:exit'),
    onTerminalResize: subscribe<TerminalSize>('terminal:resize'),
    onRunState: subscribe<RunState>('run:state'),
    onInviteLink,
  };
}
