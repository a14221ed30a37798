import type { Logger } from 'pino';
import type { Limits } from '../src/shared/protocol';
import type { RelayMetrics } from './metrics';
import type { SessionRegistry } from './session-registry';

/** What the relay's handlers share: limits, state, metrics, logger and the token key. */
export interface RelayContext {
  readonly limits: Limits;
  readonly sessions: SessionRegistry;
  readonly metrics: RelayMetrics;
  readonly log: Logger;
  /** HMAC key for resume tokens. */
  readonly key: Buffer;
  /** Set by `close()`: members are going away together, so no presence events are sent. */
  shuttingDown: boolean;
}
