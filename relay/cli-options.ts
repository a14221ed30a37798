import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_LIMITS, type Limits } from '../src/shared/protocol';
import type { RelayOptionsInput } from './options';

/** Default port of `npm run relay` (the embedded relay passes `--port 0`). */
export const DEFAULT_RELAY_PORT = 8787;

/** Each limit's flag; its env var is DUET_RELAY_ + the flag in upper snake case. */
const LIMIT_FLAGS: Record<keyof Limits, { flag: string; help: string }> = {
  maxFrameBytes: { flag: 'max-frame-bytes', help: 'largest WebSocket message, bytes (larger: close 1009)' },
  maxControlBytes: { flag: 'max-control-bytes', help: 'largest control (JSON) message, bytes' },
  messagesPerSecond: { flag: 'messages-per-second', help: 'sustained control messages per second per connection (past it: 4008)' },
  messageBurst: { flag: 'message-burst', help: 'control message burst per connection' },
  framesPerSecond: { flag: 'frames-per-second', help: 'sustained data frames per second per connection (past it: read more slowly)' },
  frameBurst: { flag: 'frame-burst', help: 'data frame burst per connection' },
  bytesPerSecond: { flag: 'bytes-per-second', help: 'sustained data bytes per second per connection (past it: read more slowly)' },
  byteBurst: { flag: 'byte-burst', help: 'data byte burst per connection (at least --max-frame-bytes)' },
  joinsPerMinute: { flag: 'joins-per-minute', help: 'hello attempts per minute per client IP' },
  helloDeadlineMs: { flag: 'hello-deadline-ms', help: 'time a connection has to send hello, ms' },
  heartbeatIntervalMs: { flag: 'heartbeat-ms', help: 'heartbeat ping interval, ms' },
  reconnectGraceMs: { flag: 'grace-ms', help: 'how long a dropped member (and the host its session) is held, ms' },
  maxMembersPerSession: { flag: 'max-members', help: 'admitted members per session, host included' },
  maxLobbyPerSession: { flag: 'max-lobby', help: 'knocks waiting in one session\'s lobby' },
  maxKnocksPerIp: { flag: 'max-knocks-per-ip', help: 'knocks one client address may have waiting, across sessions' },
  maxSessions: { flag: 'max-sessions', help: 'sessions this relay holds at once' },
  maxSessionsPerIp: { flag: 'max-sessions-per-ip', help: 'sessions created from one client address held at once' },
  failedLookupsPerMinute: { flag: 'failed-lookups-per-minute', help: 'failed invite-code look-ups per minute, relay-wide, before recent failers are refused' },
  softBufferBytes: { flag: 'soft-buffer-bytes', help: 'queued bytes to one member above which terminal output to it is dropped' },
  hardBufferBytes: { flag: 'hard-buffer-bytes', help: 'queued bytes to one member above which it is closed too-slow' },
  maxNameLength: { flag: 'max-name-length', help: 'display names are cut to this many characters (as a person counts them; hello allows at most 256 code points)' },
};

/** The env var read for a flag, e.g. `grace-ms` → `DUET_RELAY_GRACE_MS`. */
export function envName(flag: string): string {
  return `DUET_RELAY_${flag.toUpperCase().replace(/-/g, '_')}`;
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) throw new InvalidArgumentError('expected a positive integer');
  return number;
}

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65_535) {
    throw new InvalidArgumentError('expected a port number from 0 to 65535');
  }
  return number;
}

function onOff(value: string): boolean {
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  throw new InvalidArgumentError('expected on/off, true/false, yes/no or 1/0');
}

/** The first folder at or above `start` holding a package.json: the repository (or app) root. */
export function findRepoRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The `relay` command line: every option as a flag and as a DUET_RELAY_* env var. The data
 * dir defaults to `.duet/relay` under `cwd`, the folder the operator started it in.
 */
export function relayProgram(repoRoot: string | undefined, cwd = process.cwd()): Command {
  const builtRenderer = repoRoot === undefined ? undefined : join(repoRoot, 'out', 'renderer');
  const program = new Command('relay')
    .description('Duet relay: sessions, invite codes, admission and routing over WebSocket (/ws), plus /healthz and /metrics.')
    .showHelpAfterError()
    .addOption(new Option('--port <n>', 'port to listen on (0: any free port)').env(envName('port')).argParser(port).default(DEFAULT_RELAY_PORT))
    .addOption(new Option('--host <addr>', 'address to listen on').env(envName('host')).default('127.0.0.1'))
    .addOption(new Option('--secret <key>', 'HMAC key for resume tokens (prefer the env var)').env(envName('secret')))
    .addOption(
      new Option('--data-dir <dir>', 'where the secret and the session records are kept, so restarts forget nothing ("" for none: memory only)')
        .env(envName('data-dir'))
        .default(resolve(cwd, '.duet', 'relay')),
    )
    .addOption(new Option('--redis-url <url>', 'join a cluster of relay nodes through this Redis (redis:// or rediss://)').env(envName('redis-url')))
    .addOption(new Option('--node-id <id>', "this node's id in the cluster (default: random)").env(envName('node-id')))
    .addOption(
      new Option('--metrics-token <token>', '/metrics requires "Authorization: Bearer <token>" (prefer the env var)').env(
        envName('metrics-token'),
      ),
    )
    .addOption(
      new Option('--web-root <dir>', 'serve a built renderer at / ("" to serve none)')
        .env(envName('web-root'))
        .default(builtRenderer !== undefined && existsSync(builtRenderer) ? builtRenderer : undefined),
    )
    .addOption(
      new Option('--log-level <level>', 'pino log level')
        .env(envName('log-level'))
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('info'),
    )
    .addOption(new Option('--tls-cert <file>', 'PEM certificate: serve https/wss (needs --tls-key)').env(envName('tls-cert')))
    .addOption(new Option('--tls-key <file>', 'PEM private key (needs --tls-cert)').env(envName('tls-key')))
    .addOption(
      new Option('--trust-proxy [on]', 'take the client IP from X-Forwarded-For (only behind your own proxy)')
        .env(envName('trust-proxy'))
        .preset('on')
        .argParser(onOff),
    )
    .addOption(
      new Option('--shutdown-timeout-ms <n>', 'how long shutdown waits for members to close, ms')
        .env(envName('shutdown-timeout-ms'))
        .argParser(positiveInteger)
        .default(3_000),
    );
  for (const [key, { flag, help }] of Object.entries(LIMIT_FLAGS) as [keyof Limits, { flag: string; help: string }][]) {
    // The default is protocol v1's (src/shared/protocol/limits.ts), shown in --help.
    program.addOption(new Option(`--${flag} <n>`, help).env(envName(flag)).argParser(positiveInteger).default(DEFAULT_LIMITS[key]));
  }
  return program;
}

/** Turns parsed flags into `createRelay` options. */
export function relayOptionsFrom(program: Command): RelayOptionsInput {
  const opts = program.opts<Record<string, string | number | boolean | undefined>>();
  const text = (key: string): string | undefined => {
    const value = opts[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const limits: Partial<Limits> = {};
  for (const [key, { flag }] of Object.entries(LIMIT_FLAGS) as [keyof Limits, { flag: string }][]) {
    const value = opts[camel(flag)];
    if (typeof value === 'number') limits[key] = value;
  }
  const shutdownTimeoutMs = opts['shutdownTimeoutMs'];
  return {
    port: opts['port'] as number,
    host: text('host'),
    secret: text('secret'),
    dataDir: text('dataDir'),
    metricsToken: text('metricsToken'),
    redisUrl: text('redisUrl'),
    nodeId: text('nodeId'),
    webRoot: text('webRoot'),
    logLevel: text('logLevel'),
    tlsCert: text('tlsCert'),
    tlsKey: text('tlsKey'),
    trustProxy: opts['trustProxy'] === true,
    shutdownTimeoutMs: typeof shutdownTimeoutMs === 'number' ? shutdownTimeoutMs : undefined,
    limits,
  };
}

function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The one line an operator needs when the relay cannot start for a reason of theirs
 * (a taken port, an address this machine does not have, an unreadable TLS file), or
 * undefined for anything else, which deserves the full error.
 */
export function startFailure(error: unknown, where: { port: number; host: string }): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  const otherPort = `pick another with --port or ${envName('port')}`;
  if (syscall === 'listen' && code === 'EADDRINUSE') return `port ${where.port} is in use; ${otherPort}`;
  if (syscall === 'listen' && code === 'EACCES') {
    return `no permission to listen on port ${where.port} (ports below 1024 need privileges); ${otherPort}`;
  }
  if (syscall === 'listen' && code === 'EADDRNOTAVAIL') {
    return `cannot listen on ${where.host}: address not available on this machine`;
  }
  if (syscall === 'getaddrinfo') return `cannot listen on ${where.host}: no such address or host name`;
  if (syscall === 'open' && path !== undefined) {
    return `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : error.message}`;
  }
  if (code?.startsWith('ERR_OSSL') === true) return `the TLS certificate or key is not usable: ${error.message}`;
  return undefined;
}
