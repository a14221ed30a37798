import { z } from 'zod';

/**
 * Control messages of protocol v1: JSON text frames, validated at the boundary with
 * these schemas. Client → relay messages are strict (unknown fields are rejected);
 * relay → client messages are parsed loosely so a newer relay can add fields.
 */
export const PROTOCOL_VERSION = 1;

const memberId = z.number().int().min(1).max(0xffff_ffff);
/**
 * Longest display name a `hello` may carry, in UTF-16 units: a hard cap against garbage,
 * far above any real name. The relay cleans what it gets (trims, drops control and bidi
 * characters, cuts to its `maxNameLength` by grapheme, "Host"/"Guest" when empty), so the
 * schema does not reject a long or odd name, only an absurd one.
 */
export const MAX_HELLO_NAME_UNITS = 256;
const name = z.string().max(MAX_HELLO_NAME_UNITS);

/** What a member may do beyond editing and chatting. Set by the host only. */
export const Permissions = z.object({
  /** May type into the host's terminal. Off for every guest until the host grants it. */
  terminalInput: z.boolean(),
});
export type Permissions = z.infer<typeof Permissions>;

export const Role = z.enum(['host', 'guest']);
export type Role = z.infer<typeof Role>;

/** A member as every participant sees it. */
export const Member = z.object({
  id: memberId,
  name: z.string(),
  role: Role,
  permissions: Permissions,
  /** `reconnecting` while the relay holds the member's place during the grace period. */
  connection: z.enum(['online', 'reconnecting']),
});
export type Member = z.infer<typeof Member>;

// ---------------------------------------------------------------- client → relay

/** Client → relay, first message on every connection: who I am and what I want. */
export const Hello = z.strictObject({
  type: z.literal('hello'),
  /** Protocol version the client speaks; the relay closes with `unsupported-version` otherwise. */
  v: z.number().int(),
  /** Display name shown to the others. */
  name,
  /** `create` a new session, `join` one by invite code, or `resume` a membership by token. */
  intent: z.enum(['create', 'join', 'resume']),
  /** Invite code, required for `join`. Case and ambiguous characters are normalised. */
  code: z.string().max(64).optional(),
  /** Resume token from `welcome`, required for `resume`. */
  token: z.string().max(1024).optional(),
  /** For `create`: admit joiners without asking the host. Default false. */
  autoAdmit: z.boolean().optional(),
});
export type Hello = z.infer<typeof Hello>;

/** Host → relay: let a knocking joiner in. */
export const Admit = z.strictObject({ type: z.literal('admit'), memberId });
/** Host → relay: turn a knocking joiner away (closed with `denied`). */
export const Deny = z.strictObject({ type: z.literal('deny'), memberId });
/** Host → relay: remove a member from the session (closed with `removed`). */
export const Remove = z.strictObject({ type: z.literal('remove'), memberId });
/** Host → relay: change a guest's permissions; everyone is told. */
export const SetPermissions = z.strictObject({
  type: z.literal('set-permissions'),
  memberId,
  permissions: Permissions,
});
/** Host → relay: turn auto-admit on or off for later knocks. */
export const SetAutoAdmit = z.strictObject({ type: z.literal('set-auto-admit'), on: z.boolean() });
/** Host → relay: end the session for everyone; the invite code stops working. */
export const EndSession = z.strictObject({ type: z.literal('end-session') });
/** Any member → relay: I am leaving for good (a lobby joiner: I cancel my knock). */
export const Leave = z.strictObject({ type: z.literal('leave') });
/** Guest → relay: ask the host for terminal input; the host gets `permission-requested`. */
export const RequestPermission = z.strictObject({ type: z.literal('request-permission') });
/** Any member → relay: latency probe; the relay answers `pong` with the same `t`. */
export const Ping = z.strictObject({ type: z.literal('ping'), t: z.number() });

export const ClientMessage = z.discriminatedUnion('type', [
  Hello,
  Admit,
  Deny,
  Remove,
  SetPermissions,
  SetAutoAdmit,
  EndSession,
  Leave,
  RequestPermission,
  Ping,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Commands only the host may send; from a guest they get the `not-host` error. */
export const HOST_ONLY: ReadonlySet<ClientMessage['type']> = new Set([
  'admit',
  'deny',
  'remove',
  'set-permissions',
  'set-auto-admit',
  'end-session',
]);

// ---------------------------------------------------------------- relay → client

const LimitsShape = z.object({
  maxFrameBytes: z.number(),
  maxControlBytes: z.number(),
  messagesPerSecond: z.number(),
  messageBurst: z.number(),
  heartbeatIntervalMs: z.number(),
  reconnectGraceMs: z.number(),
});

/** Relay → client, once admitted (or resumed): the session, you, everyone, and how to resume. */
export const Welcome = z.object({
  type: z.literal('welcome'),
  session: z.object({ id: z.string(), code: z.string(), autoAdmit: z.boolean() }),
  /** Your own member record (id, role, permissions). */
  you: Member,
  /** Everyone admitted, you included, in join order. */
  members: z.array(Member),
  /** Present it in `hello` with intent `resume` to get your place back after a drop. */
  resumeToken: z.string(),
  /** True when this welcome answers a `resume` of an existing membership. */
  resumed: z.boolean(),
  limits: LimitsShape,
});
/** Relay → joiner: you are in the lobby until the host admits or denies you. */
export const Lobby = z.object({ type: z.literal('lobby'), session: z.object({ id: z.string() }) });
/** Relay → host: someone is knocking. Answer with `admit` or `deny`. */
export const Knock = z.object({ type: z.literal('knock'), memberId, name: z.string() });
/** Relay → host: a knocking joiner cancelled or disconnected before an answer. */
export const KnockWithdrawn = z.object({ type: z.literal('knock-withdrawn'), memberId });
/** Relay → members: a member was admitted. */
export const MemberJoined = z.object({ type: z.literal('member-joined'), member: Member });
/** Relay → members: a member is gone for good. */
export const MemberLeft = z.object({
  type: z.literal('member-left'),
  memberId,
  reason: z.enum(['left', 'removed', 'timeout']),
});
/** Relay → members: a member's connection dropped; its place is held for the grace period. */
export const MemberReconnecting = z.object({ type: z.literal('member-reconnecting'), memberId });
/** Relay → members: a reconnecting member resumed. */
export const MemberBack = z.object({ type: z.literal('member-back'), memberId });
/** Relay → members: the host changed a member's permissions. */
export const PermissionsChanged = z.object({
  type: z.literal('permissions-changed'),
  memberId,
  permissions: Permissions,
});
/** Relay → host: a guest asks for terminal input. */
export const PermissionRequested = z.object({ type: z.literal('permission-requested'), memberId });
/** Relay → members: the host turned auto-admit on or off. */
export const AutoAdmitChanged = z.object({ type: z.literal('auto-admit-changed'), on: z.boolean() });
/** Relay → members: the session is over; the connection closes with `session-ended` next. */
export const SessionEnded = z.object({
  type: z.literal('session-ended'),
  reason: z.enum(['host-ended', 'host-gone']),
});
/** Relay → member: frames on this channel were dropped for you (you were too slow); resync it. */
export const Resync = z.object({ type: z.literal('resync'), channel: z.number().int() });
/** Relay → member: answer to `ping`. */
export const Pong = z.object({ type: z.literal('pong'), t: z.number() });
/** Relay → member: a non-fatal error; the connection stays open. Fatal errors close instead. */
export const ErrorMessage = z.object({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
});

export const RelayMessage = z.discriminatedUnion('type', [
  Welcome,
  Lobby,
  Knock,
  KnockWithdrawn,
  MemberJoined,
  MemberLeft,
  MemberReconnecting,
  MemberBack,
  PermissionsChanged,
  PermissionRequested,
  AutoAdmitChanged,
  SessionEnded,
  Resync,
  Pong,
  ErrorMessage,
]);
export type RelayMessage = z.infer<typeof RelayMessage>;
export type RelayMessageOf<T extends RelayMessage['type']> = Extract<RelayMessage, { type: T }>;
