/**
 * Every error a relay reports, by name. Fatal ones close the offending connection with
 * the numeric WebSocket close code below and the name as the close reason; non-fatal
 * ones arrive as an `error` control message and the connection stays open.
 * docs/protocol.md has the same table; keep them in step.
 */
export const CLOSE_CODES = {
  /** The member left on purpose (`leave`), or the client closed normally. */
  'left': 1000,
  /** The relay is stopping; reconnect with backoff and resume. */
  'server-shutting-down': 1001,
  /** The relay hit an internal error handling this connection's input; reconnect and resume. */
  'internal-error': 1011,
  /** A message larger than `maxFrameBytes`, or a control message over `maxControlBytes`. */
  'too-big': 1009,
  /** Not valid JSON, fails the schema, or a malformed binary frame. */
  'bad-message': 4000,
  /** `hello.v` is a protocol version this relay does not speak. */
  'unsupported-version': 4001,
  /** No `hello` arrived within `helloDeadlineMs`. */
  'hello-timeout': 4002,
  /** The first message was not `hello`, or `hello` was sent twice. */
  'hello-expected': 4003,
  /** The invite code or resume token is unknown, malformed or expired. */
  'unknown-code': 4004,
  /** The host denied the knock. */
  'denied': 4005,
  /** The host removed this member. */
  'removed': 4006,
  /** The session is over (host ended it, or the host was gone past the grace period). */
  'session-ended': 4007,
  /** More messages than the rate limit allows, or too many joins from this IP. */
  'rate-limited': 4008,
  /** This member's outgoing queue passed `hardBufferBytes`; resume and resync. */
  'too-slow': 4009,
  /** The session already has `maxMembersPerSession` admitted members. */
  'session-full': 4010,
  /** The relay already holds `maxSessions` sessions. */
  'relay-full': 4011,
  /** The same member resumed on another connection; this one is stale. */
  'replaced': 4012,
  /** The node holding the session is gone (a cluster's owner died, or handed the session over); resume, and another node takes it over. */
  'session-unavailable': 4013,
  /** A data frame named a channel that protocol v1 does not define. */
  'unknown-channel': 4014,
  /** Data or commands from a connection still waiting in the lobby. */
  'not-admitted': 4015,
  /** This client address already holds `maxSessionsPerIp` sessions; end one first. */
  'too-many-sessions': 4016,
  /** The session's lobby is full (`maxLobbyPerSession`), or this knock was displaced by a fairer one; try again later. */
  'lobby-full': 4017,
  /** This client address already has `maxKnocksPerIp` knocks waiting; try again when one is answered. */
  'too-many-knocks': 4018,
  /** This relay node cannot reach the cluster's registry (Redis) to find or create the session; retry. */
  'registry-unavailable': 4019,
} as const;

export type CloseReason = keyof typeof CLOSE_CODES;

/** Errors that are reported with an `error` message and leave the connection open. */
export const SOFT_ERRORS = {
  /** A host-only command (admit, deny, remove, permissions, end) sent by a guest. */
  'not-host': 'only the host may do that',
  /** Terminal input from a guest the host has not granted it to; the frames were dropped. */
  'no-permission': 'the host has not granted you terminal input',
  /** A command or unicast frame named a member who is not in the session. */
  'unknown-member': 'no such member in this session',
} as const;

export type SoftError = keyof typeof SOFT_ERRORS;

export type ErrorCode = CloseReason | SoftError;

const REASON_BY_CODE = new Map<number, CloseReason>(
  (Object.entries(CLOSE_CODES) as [CloseReason, number][]).map(([name, code]) => [code, name]),
);

/** The error name a close code stands for, if it is one of ours. */
export function closeReasonOf(code: number): CloseReason | undefined {
  return REASON_BY_CODE.get(code);
}

/** Close reasons after which a client must not reconnect on its own. */
export const FINAL_CLOSE_REASONS: ReadonlySet<CloseReason> = new Set<CloseReason>([
  'left',
  'bad-message',
  'unsupported-version',
  'hello-expected',
  'unknown-code',
  'denied',
  'removed',
  'session-ended',
  'session-full',
  'relay-full',
  'replaced',
  'unknown-channel',
  'not-admitted',
  'too-big',
  'too-many-sessions',
]);
