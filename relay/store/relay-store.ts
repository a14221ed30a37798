import type { RecordEntry, SessionRecord } from './session-record';

/**
 * Where the relay keeps what must outlive its process (see session-record.ts). The embedded
 * default is a file in the data dir; without one, memory (nothing survives a restart); in a
 * cluster, Redis. Reads may be asynchronous (Redis); the hub never reads on the hot path.
 */
export interface RelayStore {
  /** True when `append` is durable the moment it is called, so callers need not wait for it. */
  readonly immediate: boolean;
  /** A session's record, ended ones included until they expire. */
  get(sid: string): Promise<SessionRecord | undefined>;
  /** The id of the live session an invite code belongs to. */
  sessionForCode(code: string): Promise<string | undefined>;
  /** Reserves an invite code for a new session: false when any record (live or ended) holds it. */
  claimCode(code: string, sid: string): Promise<boolean>;
  /** Records entries, in order; resolves once they are durable. */
  append(entries: readonly RecordEntry[]): Promise<void>;
  /** Writes what is pending and lets go of files and connections. */
  close(): Promise<void>;
}

/** How long a record is kept after its newest entry: after that every token it could honour has expired. */
export const RECORD_TTL_MS = 24 * 60 * 60 * 1000;
