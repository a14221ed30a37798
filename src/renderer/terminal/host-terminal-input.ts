import type { HostTerminal } from '../../shared/host-api';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import { decodeTerminalInput } from '../../shared/protocol/terminal/terminal-wire';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { mayTypeInTerminal, splitInput } from './terminal-input';
import type { TerminalView } from './terminal-view';

export interface HostTerminalInputOptions {
  client: SessionClient;
  grants: TerminalGrants;
  terminal: HostTerminal;
  view: TerminalView;
  /** Someone's keystrokes were accepted (shown as "typing", and told to the guests). */
  onTyping(memberId: number): void;
  onError(what: string): (error: unknown) => void;
}

/**
 * Keystrokes into the host's pty: the host's own, and those of guests the host granted
 * terminal input. The grant is checked here too; the relay's routing alone is not trusted.
 */
export function routeHostTerminalInput(options: HostTerminalInputOptions): Disposable {
  const { client, grants, terminal } = options;
  const store = new DisposableStore();
  const type = (text: string, what: string) => {
    for (const piece of splitInput(text)) terminal.write(piece).catch(options.onError(what));
  };
  const typed = options.view.term.onData((data) => {
    if (client.me) options.onTyping(client.me.id);
    type(data, 'cannot type into the terminal');
  });
  store.add(typed);
  store.add(
    client.on('data', ({ channel, from, payload }) => {
      if (channel !== CHANNELS.terminalIn || !mayTypeInTerminal(client.members.get(from), grants.has(from))) return;
      options.onTyping(from);
      type(decodeTerminalInput(payload), 'cannot type a guest’s input into the terminal');
    }),
  );
  return store;
}
