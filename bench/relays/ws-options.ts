import { DEFAULT_LIMITS } from '../../src/shared/protocol';

/** The baselines accept the same largest message as the Duet relay (its maxPayload). */
export const BASELINE_MAX_PAYLOAD = DEFAULT_LIMITS.maxFrameBytes;
