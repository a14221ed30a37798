import type { HostTerminal, TerminalExit } from '../../shared/host-api';
import { DisposableStore, type Disposable } from '../../shared/lifecycle';
import type { SessionClient, TerminalGrants } from '../../shared/session-client';
import { catchUpMessage } from './catch-up-answer';
import { TerminalBroadcast } from './host-terminal-broadcast';
import { routeHostTerminalInput } from './host-terminal-input';
import { answerResyncRequests } from './host-resync-answers';
import { PtyViewportFit } from './pty-viewport-fit';
import { TerminalFollower } from './terminal-follower';
import type { TerminalView } from './terminal-view';
import type { TypingIndicator } from './typing-indicator';

/**
 * Bytes handed to the host's own xterm and not yet parsed, past which it stops taking live
 * output (acknowledging it at once)... Below the pty's own pause threshold (the host
 * services' `ackHighBytes`), so a slow view skips ahead instead of pausing the shell.
 */
const HOST_VIEW_HIGH_WATERMARK_BYTES = 64 * 1024;
/** ...and below which it catches up (to the host's mirror: usually a snapshot after a flood). */
const HOST_VIEW_LOW_WATERMARK_BYTES = 16 * 1024;

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
 * Connects the host's pty (through HostApi) to its own xterm and to every guest, out of
 * parts that each own their listeners: the host's own view follows the pty (acknowledged
 * for flow control); TerminalBroadcast tells the guests; routeHostTerminalInput types the
 * host's and permitted guests' keys; answerResyncRequests catches guests up; PtyViewportFit
 * keeps the pty the panel's size.
 */
export function linkHostTerminal(options: HostTerminalLinkOptions): Disposable {
  const { client, terminal, view, typing } = options;
  const store = new DisposableStore();
  const report = (what: string) => (error: unknown) => {
    console.warn(`duet terminal: ${what}`, error);
    if (!store.isDisposed) options.onProblem(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  const broadcast = store.add(new TerminalBroadcast(client));
  // The host's own view must never hold the shell back: when it renders slower than the pty
  // writes (a flood), it skips ahead to the mirror's screen instead of replaying every byte.
  const follower: TerminalFollower = store.add(
    new TerminalFollower(
      view.sink,
      (seq) => {
        terminal
          .catchUp(seq)
          .then((answer) => follower.receiveAnswer(catchUpMessage(answer)))
          .catch(report('cannot catch up the terminal'));
      },
      { highWatermarkBytes: HOST_VIEW_HIGH_WATERMARK_BYTES, lowWatermarkBytes: HOST_VIEW_LOW_WATERMARK_BYTES },
    ),
  );
  const fit = store.add(new PtyViewportFit(terminal, view, options.viewport, () => broadcast.size, report('cannot resize the terminal')));
  store.add(answerResyncRequests(client, terminal, broadcast));
  store.add(
    routeHostTerminalInput({
      client,
      grants: options.grants,
      terminal,
      view,
      onTyping: (memberId) => {
        typing.note(memberId);
        broadcast.typing(memberId);
      },
      onError: report,
    }),
  );

  store.add(
    terminal.onOutput((chunk) => {
      broadcast.output(chunk.seq, chunk.data);
      const length = chunk.data.byteLength;
      follower.receiveLive({ kind: 'output', seq: chunk.seq, data: chunk.data }, () => terminal.ack(length));
    }),
  );
  store.add(
    terminal.onResize((size) => {
      follower.receiveLive({ kind: 'resize', cols: size.cols, rows: size.rows });
      broadcast.resized(size);
    }),
  );
  store.add(
    terminal.onExit((exit) => {
      broadcast.shellExited(exit.exitCode);
      options.onShellExit(exit, () => open().catch(report('cannot restart the terminal')));
    }),
  );

  // Opens the shell the session has, or a new one. A new session's shell is fresh because
  // the app closed any earlier one before creating the session (App.create); a reloaded
  // host page (resume) keeps the shell it had.
  async function open(): Promise<void> {
    const info = await terminal.open(view.proposeSize() ?? { cols: 80, rows: 24 });
    if (store.isDisposed) return;
    follower.receiveLive({ kind: 'resize', cols: info.cols, rows: info.rows });
    // Whatever the shell printed before this view existed (a reload, a restart) comes from the mirror.
    follower.resync();
    broadcast.opened(info, info.seq);
    fit.fit();
  }
  open().catch(report('cannot start the terminal'));

  return store;
}
