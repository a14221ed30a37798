import type { Unsubscribe } from '../shared/host-api';
import type { DuetBridge, HostCallReply } from '../shared/host-api/duet-bridge';
import { isHostCall, isHostEvent, type HostCall, type HostEvent } from '../shared/host-api/host-calls';

export type { DuetBridge, HostCallReply };

const MAX_EARLY_INVITE_LINKS = 4;

/** The part of Electron's ipcRenderer the bridge needs (injected so the bridge is testable without Electron). */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds the object the preload exposes as `window.duet`: the generic call and subscription
 * of the HOST_CALLS and HOST_EVENTS tables. A name outside them never reaches ipcRenderer,
 * so the page can invoke no other channel. Listeners never see Electron's event object (it
 * would hand the page `sender`, i.e. a way back into ipcRenderer).
 */
export function createDuetBridge(ipc: BridgeIpc): DuetBridge {
  const subscribe = (event: HostEvent, listener: (payload: unknown) => void): Unsubscribe => {
    const forward = (_event: unknown, payload: unknown): void => listener(payload);
    ipc.on(event, forward);
    return () => {
      ipc.removeListener(event, forward);
    };
  };
  // An invite link that launched the app arrives before the page has subscribed: keep it
  // (a few at most) for the first subscriber instead of losing it.
  const earlyInviteLinks: string[] = [];
  let inviteSubscribers = 0;
  ipc.on('app:invite-link' satisfies HostEvent, (_event, url) => {
    if (inviteSubscribers === 0 && typeof url === 'string' && earlyInviteLinks.length < MAX_EARLY_INVITE_LINKS) earlyInviteLinks.push(url);
  });
  const subscribeToInviteLinks = (listener: (payload: unknown) => void): Unsubscribe => {
    inviteSubscribers++;
    const unsubscribe = subscribe('app:invite-link', listener);
    for (const url of earlyInviteLinks.splice(0)) listener(url);
    return () => {
      inviteSubscribers--;
      unsubscribe();
    };
  };
  return {
    call(call: HostCall, args: unknown[]): Promise<HostCallReply> {
      if (!isHostCall(call) || !Array.isArray(args)) {
        return Promise.resolve({ ok: false, error: { code: 'bad-argument', message: `unknown host call ${String(call).slice(0, 80)}` } });
      }
      return ipc.invoke(call, ...args) as Promise<HostCallReply>;
    },
    subscribe(event: HostEvent, listener: (payload: unknown) => void): Unsubscribe {
      if (!isHostEvent(event) || typeof listener !== 'function') throw new TypeError(`unknown host event ${String(event).slice(0, 80)}`);
      return event === 'app:invite-link' ? subscribeToInviteLinks(listener) : subscribe(event, listener);
    },
  };
}
