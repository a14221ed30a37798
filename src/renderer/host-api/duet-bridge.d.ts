/**
 * `window.duet`: what the Electron preload exposes (src/preload/duet-bridge.ts). The type
 * is the preload's own object (`typeof api`) so the two can never drift; it is a
 * type-only reference, nothing from the preload is bundled into the renderer.
 */
export type DuetBridge = import('../../preload/duet-bridge').DuetBridge;
export type HostCallReply<T> = import('../../preload/duet-bridge').HostCallReply<T>;

declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    duet?: DuetBridge;
  }
}
