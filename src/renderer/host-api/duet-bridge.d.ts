import type { DuetBridge } from '../../shared/host-api/duet-bridge';

/** `window.duet`: what the Electron preload exposes; the contract lives in src/shared/host-api/duet-bridge.ts. */
declare global {
  interface Window {
    /** Present only inside the Electron shell. */
    duet?: DuetBridge;
  }
}
