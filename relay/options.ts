import type { Logger } from 'pino';
import { DEFAULT_LIMITS, type Limits } from '../src/shared/protocol';
import type { RelayStore } from './store/relay-store';

/** What a relay can be configured with. Every field has a default (see `resolveRelayOptions`). */
export interface RelayOptions {
  /** Address to listen on. Loopback by default: exposing a relay is a deliberate choice. */
  host: string;
  /** Port to listen on; 0 picks a free one (read it back from `Relay.port`). */
  port: number;
  /** PEM certificate file for HTTPS/WSS; needs `tlsKey` too. */
  tlsCert: string | undefined;
  /** PEM private key file for HTTPS/WSS; needs `tlsCert` too. */
  tlsKey: string | undefined;
  /** HMAC key for resume tokens. Without it one is generated (and kept in `dataDir` if given). */
  secret: string | Buffer | undefined;
  /**
   * Where the relay keeps its generated secret and its session records, so that a restart
   * forgets nothing (see store/). Without it, sessions live in memory only.
   */
  dataDir: string | undefined;
  /** A store to use instead of the data dir's (tests, and the cluster's Redis store). */
  store: RelayStore | undefined;
  /** Bearer token `/metrics` requires; open to anyone who reaches the port when unset. */
  metricsToken: string | undefined;
  /** Redis to join a cluster of relay nodes through; a single in-memory relay when unset. */
  redisUrl: string | undefined;
  /** This node's id in the cluster (logs, metrics); random when unset. */
  nodeId: string | undefined;
  /** Folder of a built renderer to serve at `/`; no static files when absent. */
  webRoot: string | undefined;
  /** Take the client IP from X-Forwarded-For (only behind a proxy you control). */
  trustProxy: boolean;
  /** pino level when no `logger` is given. */
  logLevel: string;
  /** A logger to use instead of a new pino instance. */
  logger: Logger | undefined;
  /** Protocol limits; unset fields keep protocol v1's defaults. */
  limits: Limits;
  /** How long `close()` waits for members to acknowledge 1001 before cutting them off. */
  shutdownTimeoutMs: number;
}

/** Options as callers give them: everything optional, limits partial. */
export type RelayOptionsInput = Partial<Omit<RelayOptions, 'limits'>> & { limits?: Partial<Limits> };

/** A configuration mistake, reported at construction with what exactly is wrong. */
export class RelayOptionsError extends Error {
  readonly code = 'invalid-relay-options';
  constructor(message: string) {
    super(message);
    this.name = 'RelayOptionsError';
  }
}

const MIN_SECRET_BYTES = 16;

/** Fills in defaults (in this one place) and rejects contradictory or impossible options. */
export function resolveRelayOptions(input: RelayOptionsInput = {}): RelayOptions {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(input.limits ?? {}) as [keyof Limits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new RelayOptionsError(`unknown limit "${key}"`);
    limits[key] = value;
  }
  const options: RelayOptions = {
    host: input.host ?? '127.0.0.1',
    port: input.port ?? 0,
    tlsCert: input.tlsCert || undefined,
    tlsKey: input.tlsKey || undefined,
    secret: input.secret === '' ? undefined : input.secret,
    dataDir: input.dataDir || undefined,
    store: input.store,
    metricsToken: input.metricsToken || undefined,
    redisUrl: input.redisUrl || undefined,
    nodeId: input.nodeId || undefined,
    webRoot: input.webRoot || undefined,
    trustProxy: input.trustProxy ?? false,
    logLevel: input.logLevel ?? 'info',
    logger: input.logger,
    limits,
    shutdownTimeoutMs: input.shutdownTimeoutMs ?? 3_000,
  };
  validate(options);
  return options;
}

function validate(o: RelayOptions): void {
  if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65_535) {
    throw new RelayOptionsError(`port must be an integer from 0 to 65535, got ${o.port}`);
  }
  if (o.tlsCert !== undefined && o.tlsKey === undefined) {
    throw new RelayOptionsError('tlsCert is set but tlsKey is not: TLS needs both a certificate and its key');
  }
  if (o.tlsKey !== undefined && o.tlsCert === undefined) {
    throw new RelayOptionsError('tlsKey is set but tlsCert is not: TLS needs both a certificate and its key');
  }
  if (o.secret !== undefined && Buffer.byteLength(o.secret) < MIN_SECRET_BYTES) {
    throw new RelayOptionsError(`secret must be at least ${MIN_SECRET_BYTES} bytes long`);
  }
  if (!Number.isInteger(o.shutdownTimeoutMs) || o.shutdownTimeoutMs < 0) {
    throw new RelayOptionsError(`shutdownTimeoutMs must be a non-negative integer, got ${o.shutdownTimeoutMs}`);
  }
  for (const [key, value] of Object.entries(o.limits) as [keyof Limits, number][]) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new RelayOptionsError(`limits.${key} must be a positive number, got ${String(value)}`);
    }
  }
  const l = o.limits;
  if (l.maxControlBytes > l.maxFrameBytes) {
    throw new RelayOptionsError(
      `limits.maxControlBytes (${l.maxControlBytes}) must not exceed limits.maxFrameBytes (${l.maxFrameBytes})`,
    );
  }
  if (l.softBufferBytes > l.hardBufferBytes) {
    throw new RelayOptionsError(
      `limits.softBufferBytes (${l.softBufferBytes}) must not exceed limits.hardBufferBytes (${l.hardBufferBytes})`,
    );
  }
  if (l.byteBurst < l.maxFrameBytes) {
    throw new RelayOptionsError(`limits.byteBurst (${l.byteBurst}) must be at least limits.maxFrameBytes (${l.maxFrameBytes})`);
  }
  if (l.messageBurst < 1 || l.joinsPerMinute < 1 || l.frameBurst < 1) {
    throw new RelayOptionsError('limits.messageBurst and limits.joinsPerMinute must allow at least one message');
  }
  if (l.maxMembersPerSession < 2 || l.maxSessions < 1) {
    throw new RelayOptionsError('limits.maxMembersPerSession must be at least 2 (a host and a guest) and limits.maxSessions at least 1');
  }
  if (o.redisUrl !== undefined && !/^rediss?:\/\//.test(o.redisUrl)) {
    throw new RelayOptionsError(`redisUrl must be a redis:// or rediss:// URL, got ${o.redisUrl}`);
  }
  if (o.nodeId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(o.nodeId)) {
    throw new RelayOptionsError('nodeId must be 1 to 64 letters, digits, dots, dashes or underscores');
  }
  if (o.metricsToken !== undefined && o.metricsToken.length < MIN_SECRET_BYTES) {
    throw new RelayOptionsError(`metricsToken must be at least ${MIN_SECRET_BYTES} characters long`);
  }
}
