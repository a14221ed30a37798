import type { HostTerminal, TerminalExit, TerminalSize } from '../../shared/host-api';
import { CHANNELS, DEFAULT_LIMITS } from '../../shared/protocol';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { decodeTerminalInput, decodeTerminalMessage, encodeTerminalMessage, type TerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import { catchUpMessage } from './catch-up-answer';
import { OutputBatcher } from './output-batcher';
import { ResyncResponder } from './resync-responder';
import { TerminalFollower } from './terminal-follower';
import { mayTypeInTerminal, splitInput } from './terminal-input';
import type { TerminalView } from './terminal-view';
import { TypingThrottle } from './typing-activity';
import type { TypingIndicator } from './typing-indicator';

/** Window resizes are followed after this quiet period, not on every animation frame. */
const RESIZE_SETTLE_MS = 80;
/**
 * Output frames per second stay at or below 1000 / this, far inside the relay's per-connection
 * message budget (500/s) with room for typing, resync answers and the document's traffic.
 */
const OUTPUT_FRAME_INTERVAL_MS = 8;
/** Largest merged output frame; well under the relay's frame limit. */
const MAX_OUTPUT_FRAME_BYTES = 256 * 1024;

export interface HostTerminalLinkOptions {
  client: SessionClient;
  grants: TerminalGrants;
  terminal: HostTerminal;
  view: TerminalView;
  /** The element whose size the pty follows. */
  viewport: HTMLElement;
  typing: TypingIndicator;
  /** Something failed that the host should know about. */
  onProblem(message: string): void;
  /** The shell ended (the user typed `exit`, or it crashed); `restart` starts a new one. */
  onShellExit(exit: TerminalExit, restart: () => Promise<void>): void;
}

/**
 * Connects the host's pty (through HostApi) to its own xterm and to every guest:
 * output → local view (acknowledged for flow control) and the terminalOut channel;
 * local and permitted guests' keystrokes → pty; resync requests → unicast answers;
 * the pty follows the host's view size, and everyone follows the pty.
 */
export function linkHostTerminal(options: HostTerminalLinkOptions): { dispose(): void } {
  const { client, terminal, view, typing } = options;
  const cleanups: (() => void)[] = [];
  const throttle = new TypingThrottle();
  let maxFrameBytes: number = DEFAULT_LIMITS.maxFrameBytes;
  let size: TerminalSize | undefined;
  /** Offset just past the last output byte we broadcast. */
  let head = 0;
  let disposed = false;

  const broadcast = (message: TerminalMessage, to?: number) => {
    // While the host is reconnecting nothing is queued: guests resync from the head marker on welcome.
    if (client.state === 'open') client.send(CHANNELS.terminalOut, encodeTerminalMessage(message), to);
  };
  const batcher = new OutputBatcher((seq, data) => broadcast({ kind: 'output', seq, data }), {
    minIntervalMs: OUTPUT_FRAME_INTERVAL_MS,
    maxBatchBytes: MAX_OUTPUT_FRAME_BYTES,
  });
  cleanups.push(() => batcher.dispose());
  const announceHead = () => {
    batcher.flush();
    if (size) broadcast({ kind: 'resize', ...size });
    // An empty chunk at the head: a guest that is behind sees the gap and asks for the rest.
    broadcast({ kind: 'output', seq: head, data: new Uint8Array() });
  };
  const announceTyping = (memberId: number) => {
    typing.note(memberId);
    if (throttle.take(memberId)) broadcast({ kind: 'typing', memberId });
  };
  const report = (what: string) => (error: unknown) => {
    console.warn(`duet terminal: ${what}`, error);
    if (!disposed) options.onProblem(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  const follower = new TerminalFollower(view.sink, (seq) => {
    terminal
      .catchUp(seq)
      .then((answer) => follower.receiveAnswer(catchUpMessage(answer)))
      .catch(report('cannot catch up the terminal'));
  });
  cleanups.push(() => follower.dispose());

  const responder = new ResyncResponder({
    catchUp: (seq) => terminal.catchUp(seq),
    send: (memberId, message) => client.send(CHANNELS.terminalSync, encodeTerminalMessage(message), memberId),
    maxFrameBytes: () => maxFrameBytes,
    onError: (error) => console.warn('duet terminal: cannot answer a resync request', error),
  });
  cleanups.push(() => responder.dispose());

  cleanups.push(
    terminal.onOutput((chunk) => {
      head = Math.max(head, chunk.seq + chunk.data.byteLength);
      batcher.push(chunk.seq, chunk.data);
      const length = chunk.data.byteLength;
      follower.receiveLive({ kind: 'output', seq: chunk.seq, data: chunk.data }, () => terminal.ack(length));
    }),
    terminal.onResize((next) => {
      size = { cols: next.cols, rows: next.rows };
      follower.receiveLive({ kind: 'resize', ...size });
      // Bytes laid out at the old size go first.
      batcher.flush();
      broadcast({ kind: 'resize', ...size });
    }),
    terminal.onExit((exit) => {
      batcher.flush();
      broadcast({ kind: 'shell-exited', exitCode: exit.exitCode });
      options.onShellExit(exit, () => open().catch(report('cannot restart the terminal')));
    }),
  );

  const onData = view.term.onData((data) => {
    if (client.me) announceTyping(client.me.id);
    for (const piece of splitInput(data)) terminal.write(piece).catch(report('cannot type into the terminal'));
  });
  cleanups.push(() => onData.dispose());

  cleanups.push(
    client.on('data', ({ channel, from, payload }) => {
      if (channel === CHANNELS.terminalIn) {
        // Enforced here too: the relay's routing alone is not trusted.
        if (!mayTypeInTerminal(client.members.get(from), options.grants.has(from))) return;
        announceTyping(from);
        for (const piece of splitInput(decodeTerminalInput(payload))) {
          terminal.write(piece).catch(report('cannot type a guest’s input into the terminal'));
        }
      } else if (channel === CHANNELS.terminalSync) {
        const message = decodeTerminalMessage(payload);
        if (message?.kind !== 'resync-request' || !client.members.has(from)) return;
        // The size first: a guest that just opened its terminal must lay the answer out right.
        if (size) broadcast({ kind: 'resize', ...size }, from);
        responder.request(from, message.seq);
      }
    }),
    client.on('welcome', (welcome) => {
      maxFrameBytes = welcome.limits.maxFrameBytes;
      announceHead();
    }),
    client.on('member-joined', (member) => {
      if (size) broadcast({ kind: 'resize', ...size }, member.id);
    }),
    client.on('member-left', ({ memberId }) => {
      responder.forget(memberId);
      throttle.forget(memberId);
    }),
  );

  const fitToViewport = () => {
    const proposed = view.proposeSize();
    if (!proposed || !size || (proposed.cols === size.cols && proposed.rows === size.rows)) return;
    terminal.resize(proposed).catch(report('cannot resize the terminal'));
  };
  let resizeTimer: number | undefined;
  const observer = new ResizeObserver(() => {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(fitToViewport, RESIZE_SETTLE_MS);
  });
  observer.observe(options.viewport);
  cleanups.push(() => {
    observer.disconnect();
    window.clearTimeout(resizeTimer);
  });

  // Opens the shell the session has, or a new one. A new session's shell is fresh because
  // the app closed any earlier one before creating the session (App.create); a reloaded
  // host page (resume) keeps the shell it had.
  async function open(): Promise<void> {
    const info = await terminal.open(view.proposeSize() ?? { cols: 80, rows: 24 });
    if (disposed) return;
    size = { cols: info.cols, rows: info.rows };
    head = Math.max(head, info.seq);
    follower.receiveLive({ kind: 'resize', ...size });
    // Whatever the shell printed before this view existed (a reload, a restart) comes from the mirror.
    follower.resync();
    announceHead();
    fitToViewport();
  }
  open().catch(report('cannot start the terminal'));

  return {
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    },
  };
}
