/**
 * Limits of protocol v1. The relay enforces every one of them (tests hit each);
 * clients read them to stay inside. Operators may tighten or loosen some through
 * the relay's flags, which is why the relay sends its effective values in `welcome`.
 */
export const DEFAULT_LIMITS = {
  /** Largest WebSocket message of any kind, in bytes. Larger → close 1009 `too-big`. */
  maxFrameBytes: 1024 * 1024,
  /** Largest control (JSON text) message, in bytes. Larger → close 1009 `too-big`. */
  maxControlBytes: 8 * 1024,
  /** Sustained control messages per second per connection (token bucket refill rate); past it: 4008. */
  messagesPerSecond: 500,
  /** Burst of control messages per connection (token bucket size). */
  messageBurst: 1000,
  /** Sustained data frames per second per connection; past it the relay reads the connection more slowly (never closes it). */
  framesPerSecond: 2000,
  /** Burst of data frames per connection. */
  frameBurst: 4000,
  /** Sustained data-frame bytes per second per connection; past it the relay reads more slowly. */
  bytesPerSecond: 32 * 1024 * 1024,
  /** Burst of data-frame bytes per connection (at least `maxFrameBytes`). */
  byteBurst: 8 * 1024 * 1024,
  /** `hello` attempts per minute per client IP (create, join and resume). */
  joinsPerMinute: 30,
  /** A connection must send `hello` within this many milliseconds. */
  helloDeadlineMs: 5_000,
  /** Relay pings every connection this often; one that has not answered the previous ping by the next is dropped. */
  heartbeatIntervalMs: 10_000,
  /** How long a dropped member keeps its identity (and the host its session). */
  reconnectGraceMs: 60_000,
  /** Admitted members per session, the host included (the lobby has its own bound). */
  maxMembersPerSession: 16,
  /** Knocks waiting in one session's lobby at once; when full, a newcomer may displace a crowding address's knock. */
  maxLobbyPerSession: 16,
  /** Knocks one client address may have waiting at once, across all sessions. */
  maxKnocksPerIp: 3,
  /** Sessions one relay process holds at once. */
  maxSessions: 10_000,
  /** Sessions created from one client address held at once. */
  maxSessionsPerIp: 20,
  /** Failed invite-code look-ups per minute, relay-wide, before addresses that failed lately are refused. */
  failedLookupsPerMinute: 600,
  /** Above this many bytes queued to one member, terminal output to it is dropped. */
  softBufferBytes: 1024 * 1024,
  /** Above this many bytes queued to one member, it is closed with `too-slow`. */
  hardBufferBytes: 8 * 1024 * 1024,
  /** Display names are trimmed and cut to this many characters. */
  maxNameLength: 64,
} as const;

/** The limits a relay runs with; every field may be overridden by configuration. */
export type Limits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };
