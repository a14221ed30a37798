import type { Placement } from './placement';

/** Which relay a load generator talks to, and where. Plain data: it crosses the IPC channel. */
export type RelayKind = 'duet' | 'bare' | 'socketio';

export interface RelayTarget {
  kind: RelayKind;
  port: number;
  /** Duet nodes of a cluster: each member connects to the node its placement names (`port` is unused then). */
  cluster?: { ports: number[]; placement: Placement };
}

/** The relays every benchmark compares, in table order. */
export const RELAY_KINDS: readonly RelayKind[] = ['duet', 'bare', 'socketio'];

/** Column titles. */
export const RELAY_LABELS: Record<RelayKind, string> = { duet: 'Duet', bare: 'bare ws', socketio: 'Socket.IO' };

/**
 * Source addresses for a load generator: Linux routes all of 127/8 to lo, so connections
 * from 127.0.0.10, .11, … each get their own ephemeral port range (and a per-IP limit sees
 * them as different clients). Generator `index` gets its own block of `count` addresses.
 */
export function sourceAddresses(index: number, count = 8): string[] {
  return Array.from({ length: count }, (_, k) => `127.0.0.${10 + index * count + k}`);
}
