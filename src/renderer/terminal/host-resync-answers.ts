import type { HostTerminal } from '../../shared/host-api';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { CHANNELS, DEFAULT_LIMITS } from '../../shared/protocol';
import { decodeTerminalMessage, encodeTerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import type { SessionClient } from '../../shared/session-client';
import type { TerminalBroadcast } from './host-terminal-broadcast';
import { ResyncResponder } from './resync-responder';

/**
 * The host's answers to guests' resync requests (terminalSync): the pty size first, so a
 * guest that just opened its terminal lays the answer out right, then the bytes since the
 * asked-for offset or a snapshot, cut to the relay's frame limit of the latest welcome.
 */
export function answerResyncRequests(client: SessionClient, terminal: HostTerminal, broadcast: TerminalBroadcast): Disposable {
  const store = new DisposableStore();
  let maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;
  const responder = store.add(
    new ResyncResponder({
      catchUp: (seq) => terminal.catchUp(seq),
      send: (memberId, message) => client.send(CHANNELS.terminalSync, encodeTerminalMessage(message), memberId),
      maxFrameBytes: () => maxFrameBytes,
      onError: (error) => console.warn('duet terminal: cannot answer a resync request', error),
    }),
  );
  store.add(client.on('welcome', (welcome) => (maxFrameBytes = welcome.limits.maxFrameBytes)));
  store.add(client.on('member-left', ({ memberId }) => responder.forget(memberId)));
  store.add(
    client.on('data', ({ channel, from, payload }) => {
      if (channel !== CHANNELS.terminalSync) return;
      const message = decodeTerminalMessage(payload);
      if (message?.kind !== 'resync-request' || !client.members.has(from)) return;
      broadcast.sendSizeTo(from);
      responder.request(from, message.seq);
    }),
  );
  return store;
}
