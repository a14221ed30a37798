/**
 * Every Redis key the cluster uses, in one place. Keys of one session share the `{sid}` hash
 * tag so they sit in one Redis Cluster slot; per-address and per-node keys tag their own.
 */
export const keys = {
  /** A node's liveness: exists while the node's heartbeat refreshes it. */
  node: (addr: string) => `duet:node:{${addr}}`,
  /** A node's inbox stream: what other nodes send it. */
  inbox: (addr: string) => `duet:inbox:{${addr}}`,
  /** The node whose session core holds the session. */
  owner: (sid: string) => `duet:{${sid}}:owner`,
  /** The session's record, as a list of JSON entries (see store/session-record.ts). */
  record: (sid: string) => `duet:{${sid}}:record`,
  /** Invite code → session id (`ended:<sid>` once the session is over). */
  code: (code: string) => `duet:code:{${code}}`,
  /** `hello`s from one address in one minute. */
  joins: (ip: string, minute: number) => `duet:ip:{${ip}}:joins:${minute}`,
  /** Set while an address failed a code look-up within the last minute. */
  failed: (ip: string) => `duet:ip:{${ip}}:failed`,
  /** Sessions an address created that are live, scored by when their claim expires. */
  sessions: (ip: string) => `duet:ip:{${ip}}:sessions`,
  /** Failed code look-ups, cluster-wide, in one minute. */
  lookups: (minute: number) => `duet:lookups-failed:{${minute}}`,
} as const;

/** The current minute number (fixed-window limits). */
export function minuteOf(now: number): number {
  return Math.floor(now / 60_000);
}
