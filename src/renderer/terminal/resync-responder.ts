import type { TerminalCatchUp } from '../../shared/host-api';
import type { TerminalMessage } from '../../shared/protocol/terminal/terminal-wire';
import { resyncAnswer } from './catch-up-answer';

export interface ResyncResponderOptions {
  /** The host's catch-up (HostApi.terminal.catchUp). */
  catchUp(seq: number): Promise<TerminalCatchUp>;
  /** Sends one answer message to one member (unicast on terminalSync). */
  send(memberId: number, message: TerminalMessage): void;
  /** Current frame limit of the relay. */
  maxFrameBytes(): number;
  /** Reports a failed catch-up (the guest will ask again after its retry delay). */
  onError(error: unknown): void;
}

/**
 * Answers guests' resync requests on the host. At most one catch-up per member is in
 * flight; requests arriving meanwhile collapse into one more answer afterwards, so a
 * guest (or a hostile peer) spamming requests cannot make the host serialize its screen
 * over and over.
 */
export class ResyncResponder {
  private readonly inFlight = new Map<number, number | undefined>();
  private disposed = false;

  constructor(private readonly options: ResyncResponderOptions) {}

  /** A member asked for everything since `seq`. */
  request(memberId: number, seq: number): void {
    if (this.disposed) return;
    if (this.inFlight.has(memberId)) {
      // Keep the oldest position asked for: answering from there covers the later ones too.
      const queued = this.inFlight.get(memberId);
      this.inFlight.set(memberId, queued === undefined ? seq : Math.min(queued, seq));
      return;
    }
    this.inFlight.set(memberId, undefined);
    void this.answer(memberId, seq);
  }

  /** Drops queued work for a member who left. */
  forget(memberId: number): void {
    this.inFlight.delete(memberId);
  }

  /** Stops answering. */
  dispose(): void {
    this.disposed = true;
    this.inFlight.clear();
  }

  private async answer(memberId: number, seq: number): Promise<void> {
    try {
      const catchUp = await this.options.catchUp(seq);
      if (this.disposed || !this.inFlight.has(memberId)) return;
      for (const message of resyncAnswer(catchUp, this.options.maxFrameBytes())) this.options.send(memberId, message);
    } catch (error) {
      this.options.onError(error);
    }
    if (this.disposed || !this.inFlight.has(memberId)) return;
    const again = this.inFlight.get(memberId);
    this.inFlight.delete(memberId);
    if (again !== undefined) this.request(memberId, again);
  }
}
