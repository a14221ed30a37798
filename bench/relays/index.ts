import type { RelayKind, RelayTarget } from '../load/target';
import { startBareRelay, startSocketIoRelay } from './baselines';
import type { RelayProcess } from './child';
import { startDuetRelay, type DuetRelayFlags } from './duet';

/**
 * Limits the load benchmarks lift on the Duet relay: every hello of thousands of sessions
 * comes from a handful of loopback addresses (per-address join and session caps), and the
 * relay holds more than its default 10,000 sessions. Message rate and buffers stay at
 * their defaults unless a benchmark says.
 */
export const LOAD_FLAGS: DuetRelayFlags = {
  'joins-per-minute': 1_000_000_000,
  'max-sessions-per-ip': 1_000_000,
  'max-sessions': 40_000,
  // Heartbeats at the default 10 s: idle connections cost what they cost in production.
};

/** A relay under test and where to reach it. */
export interface RelayUnderTest {
  kind: RelayKind;
  process: RelayProcess;
  target: RelayTarget;
}

/** Starts one relay of `kind`; `duetFlags` apply to the Duet relay only (the baselines have no limits). */
export async function startRelay(kind: RelayKind, duetFlags: DuetRelayFlags = LOAD_FLAGS): Promise<RelayUnderTest> {
  const process = kind === 'duet' ? await startDuetRelay({ flags: duetFlags }) : kind === 'bare' ? await startBareRelay() : await startSocketIoRelay();
  return { kind, process, target: { kind, port: process.port } };
}
