import { provideTerminal, type TerminalContext } from '../session/terminal-slot';
import { mountTerminalPanel } from './index';

/**
 * Plugs the shared terminal into the session screen's terminal slot. Imported once at
 * startup (src/renderer/main.ts).
 */
export function registerTerminalPanel(): void {
  provideTerminal((context: TerminalContext) =>
    mountTerminalPanel(context.mount, { client: context.client, grants: context.grants, hostApi: context.hostApi, getSource: context.getSource, runnable: context.runnable }),
  );
}
