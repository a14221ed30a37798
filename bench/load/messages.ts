import type { RelayTarget } from './target';

/** Parent → load generator. Every request has an id; the reply carries the same id. */
export type LoadRequest =
  | { op: 'open'; id: number; target: RelayTarget; first: number; count: number }
  | { op: 'trim'; id: number; keep: number }
  | { op: 'typing'; id: number; ratePerMember: number; warmupMs: number; durationMs: number; payloadBytes: number }
  | { op: 'stream-host'; id: number; target: RelayTarget; index: number }
  | { op: 'stream-guests'; id: number; target: RelayTarget; room: string; active: number; paused: number }
  | { op: 'stream'; id: number; warmupMs: number; durationMs: number; frameBytes: number }
  | { op: 'failover-arm'; id: number; dead: number; ports: number[] }
  | { op: 'failover'; id: number; killedAt: number; timeoutMs: number }
  | { op: 'closes'; id: number }
  | { op: 'close-all'; id: number };

/** Close codes seen, e.g. `{ "4008 rate-limited": 1 }`. */
export type CloseCounts = Record<string, number>;

export interface TypingResult {
  /** Messages sent inside the measured window. */
  sent: number;
  /** Messages received (from any time) whose send time was inside the window. */
  received: number;
  /** Messages received inside the window, whenever sent: what the relay forwarded in it. */
  receivedInWindow: number;
  /** Hop latencies of those, as an encoded histogram (bench/stats/latency.ts). */
  histogram: string;
  closes: CloseCounts;
}

export interface StreamResult {
  /** Host: bytes sent in the window. Guests: bytes received in the window, per active guest. */
  hostBytes: number;
  guestBytes: number[];
  /** Host: bytes sent before it was closed, when it was. */
  hostBytesBeforeClose?: number;
  closes: CloseCounts;
}

/** What one generator saw after a cluster node was killed (bench/load/failover.ts). */
export interface FailoverResult {
  /**
   * Per member that was on the killed node and came back: ms from the kill to a frame each
   * way with its peer; split by whether its session's owner was the killed node (its host was there).
   */
  ownerLostMs: number[];
  ownerLivedMs: number[];
  /** Members of the killed node that did not come back in time, by why. */
  neverBack: Record<string, number>;
  /** Members that were on the killed node. */
  tracked: number;
  /** Members of other nodes whose connection dropped too (their session's owner was the killed node). */
  droppedToo: number;
  /** Reconnect attempts in all. */
  attempts: number;
}

export type LoadReply =
  | {
      id: number;
      ok: true;
      sessions?: number;
      room?: string;
      typing?: TypingResult;
      stream?: StreamResult;
      failover?: FailoverResult;
      /** Connections the relay closed so far, and hellos retried after a close before welcome (by code). */
      closes?: CloseCounts;
      retried?: CloseCounts;
    }
  | { id: number; ok: false; error: string };
