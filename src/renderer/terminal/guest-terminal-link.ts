import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import { CHANNELS } from '../../shared/protocol';
import type { SessionClient } from '../../shared/session-client';
import { decodeTerminalMessage, encodeTerminalInput, encodeTerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import type { TerminalAccess } from './terminal-access';
import { TerminalFollower } from './terminal-follower';
import { hostMemberId } from './terminal-input';
import type { TerminalView } from './terminal-view';
import type { TypingIndicator } from './typing-indicator';

/**
 * A guest's screen stops taking live output when this much waits to be drawn, and resyncs
 * (usually to a snapshot) once it has drawn all but the low mark: bounded memory, and a
 * flood costs a slow machine one jump instead of minutes of replay. Kept small, so that a
 * flood never occupies the page long enough to delay the editor (a person typing): what a
 * person can read of a flood is its last screen, which the snapshot brings.
 */
const HIGH_WATERMARK_BYTES = 256 * 1024;
const LOW_WATERMARK_BYTES = 32 * 1024;

export interface GuestTerminalLinkOptions {
  client: SessionClient;
  view: TerminalView;
  typing: TypingIndicator;
  access: TerminalAccess;
  /** The host's shell exited by itself (exit code), or `undefined` once it prints again. */
  onShellState(exitCode: number | undefined): void;
}

/**
 * A guest's side of the shared terminal: follows the host's stream (resyncing on join,
 * reconnect and gaps), renders at the host's size, and sends keystrokes only while the
 * host has granted terminal input — the host and the relay check that too.
 */
export function linkGuestTerminal(options: GuestTerminalLinkOptions): Disposable {
  const { client, view, typing, access } = options;
  const store = new DisposableStore();
  const fromHost = (memberId: number) => client.members.get(memberId)?.role === 'host';
  let shellExited = false;

  const follower = store.add(
    new TerminalFollower(
      view.sink,
      (seq) => client.send(CHANNELS.terminalSync, encodeTerminalMessage({ kind: 'resync-request', seq }), hostMemberId(client.members)),
      { highWatermarkBytes: HIGH_WATERMARK_BYTES, lowWatermarkBytes: LOW_WATERMARK_BYTES },
    ),
  );

  const granted = () => client.me?.permissions.terminalInput === true;
  const applyPermission = () => {
    const canType = granted();
    view.term.options.disableStdin = !canType;
    view.term.options.cursorStyle = canType ? 'block' : 'underline';
    access.update(canType);
  };
  applyPermission();

  store.add(
    view.term.onData((data) => {
      const host = hostMemberId(client.members);
      if (!granted() || host === undefined) return;
      client.send(CHANNELS.terminalIn, encodeTerminalInput(data), host);
    }),
  );

  store.add(
    client.on('data', ({ channel, from, payload }) => {
      if (channel !== CHANNELS.terminalOut && channel !== CHANNELS.terminalSync) return;
      if (!fromHost(from)) return;
      const message = decodeTerminalMessage(payload);
      if (!message) return;
      if (message.kind === 'typing') return typing.note(message.memberId);
      if (message.kind === 'request-declined') return access.declined();
      if (message.kind === 'shell-exited') {
        shellExited = true;
        return options.onShellState(message.exitCode);
      }
      // A restarted shell speaks again.
      if (shellExited && message.kind === 'output' && message.data.byteLength > 0) {
        shellExited = false;
        options.onShellState(undefined);
      }
      if (channel === CHANNELS.terminalOut) follower.receiveLive(message);
      else follower.receiveAnswer(message);
    }),
  );
  store.add(
    client.on('welcome', () => {
      applyPermission();
      follower.resync();
    }),
  );
  store.add(
    client.on('resync', (channel) => {
      if (channel === CHANNELS.terminalOut || channel === CHANNELS.terminalSync) follower.resync();
    }),
  );
  store.add(
    client.on('permissions-changed', (member) => {
      if (member.id === client.me?.id) applyPermission();
    }),
  );

  // Mounted after the welcome (the usual case): catch up now.
  if (client.state === 'open') follower.resync();

  return store;
}
