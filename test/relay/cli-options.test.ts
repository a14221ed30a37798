import { DEFAULT_LIMITS } from '../../src/shared/protocol';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envName, findRepoRoot, relayOptionsFrom, relayProgram } from '../../relay/cli-options';

const touched: string[] = [];

afterEach(() => {
  for (const name of touched.splice(0)) delete process.env[name];
});

function parse(args: string[], env: Record<string, string> = {}, root?: string, cwd?: string) {
  for (const [name, value] of Object.entries(env)) {
    process.env[name] = value;
    touched.push(name);
  }
  const program = relayProgram(root, cwd).exitOverride().configureOutput({ writeErr: () => undefined });
  program.parse(args, { from: 'user' });
  return relayOptionsFrom(program);
}

describe('relay command line', () => {
  it('keeps its data under the working directory by default (not the repository), and "" means memory only', () => {
    const root = mkdtempSync(join(tmpdir(), 'duet-root-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'duet-cwd-'));
    expect(parse([], {}, root, elsewhere).dataDir).toBe(join(elsewhere, '.duet', 'relay'));
    expect(parse(['--data-dir', 'state'], {}, root, elsewhere).dataDir).toBe('state');
    expect(parse(['--data-dir', ''], {}, root, elsewhere).dataDir).toBeUndefined();
  });

  it('maps every limit flag onto the protocol limit', () => {
    const options = parse([
      '--max-frame-bytes', '1000',
      '--max-control-bytes', '500',
      '--messages-per-second', '10',
      '--message-burst', '20',
      '--frames-per-second', '21',
      '--frame-burst', '22',
      '--bytes-per-second', '23',
      '--byte-burst', '24',
      '--joins-per-minute', '5',
      '--hello-deadline-ms', '100',
      '--heartbeat-ms', '200',
      '--grace-ms', '300',
      '--max-members', '4',
      '--max-lobby', '41',
      '--max-knocks-per-ip', '42',
      '--max-sessions', '6',
      '--max-sessions-per-ip', '61',
      '--failed-lookups-per-minute', '62',
      '--soft-buffer-bytes', '7000',
      '--hard-buffer-bytes', '8000',
      '--max-name-length', '9',
    ]);
    expect(options.limits).toEqual({
      maxFrameBytes: 1000,
      maxControlBytes: 500,
      messagesPerSecond: 10,
      messageBurst: 20,
      framesPerSecond: 21,
      frameBurst: 22,
      bytesPerSecond: 23,
      byteBurst: 24,
      joinsPerMinute: 5,
      helloDeadlineMs: 100,
      heartbeatIntervalMs: 200,
      reconnectGraceMs: 300,
      maxMembersPerSession: 4,
      maxLobbyPerSession: 41,
      maxKnocksPerIp: 42,
      maxSessions: 6,
      maxSessionsPerIp: 61,
      failedLookupsPerMinute: 62,
      softBufferBytes: 7000,
      hardBufferBytes: 8000,
      maxNameLength: 9,
    });
  });

  it('reads env vars, and flags win over them', () => {
    const options = parse(['--host', '0.0.0.0'], {
      [envName('port')]: '0',
      [envName('host')]: '10.0.0.1',
      [envName('secret')]: 'from-the-environment-0123',
      [envName('max-members')]: '3',
      [envName('log-level')]: 'warn',
    });
    expect(options).toMatchObject({ port: 0, host: '0.0.0.0', secret: 'from-the-environment-0123', logLevel: 'warn' });
    // Unset limits come out as protocol v1's defaults (shown in --help).
    expect(options.limits).toEqual({ ...DEFAULT_LIMITS, maxMembersPerSession: 3 });
  });

  it('--trust-proxy alone means on; its env var understands on/off words', () => {
    expect(parse(['--trust-proxy']).trustProxy).toBe(true);
    expect(parse([]).trustProxy).toBe(false);
    expect(parse([], { [envName('trust-proxy')]: 'false' }).trustProxy).toBe(false);
    expect(parse([], { [envName('trust-proxy')]: 'yes' }).trustProxy).toBe(true);
  });

  it('--help lists every flag with its env var and exits 0', () => {
    let out = '';
    const program = relayProgram(undefined)
      .exitOverride()
      .configureOutput({ writeOut: (text) => (out += text) });
    expect(() => program.parse(['--help'], { from: 'user' })).toThrow(expect.objectContaining({ exitCode: 0 }));
    // Help wraps long lines; compare with whitespace collapsed.
    const help = out.replace(/\s+/g, ' ');
    for (const [flag, envVar] of [
      ['--port', 'DUET_RELAY_PORT'],
      ['--host', 'DUET_RELAY_HOST'],
      ['--secret', 'DUET_RELAY_SECRET'],
      ['--data-dir', 'DUET_RELAY_DATA_DIR'],
      ['--web-root', 'DUET_RELAY_WEB_ROOT'],
      ['--log-level', 'DUET_RELAY_LOG_LEVEL'],
      ['--tls-cert', 'DUET_RELAY_TLS_CERT'],
      ['--tls-key', 'DUET_RELAY_TLS_KEY'],
      ['--trust-proxy', 'DUET_RELAY_TRUST_PROXY'],
      ['--shutdown-timeout-ms', 'DUET_RELAY_SHUTDOWN_TIMEOUT_MS'],
      ['--max-sessions', 'DUET_RELAY_MAX_SESSIONS'],
      ['--max-members', 'DUET_RELAY_MAX_MEMBERS'],
      ['--grace-ms', 'DUET_RELAY_GRACE_MS'],
      ['--hello-deadline-ms', 'DUET_RELAY_HELLO_DEADLINE_MS'],
      ['--heartbeat-ms', 'DUET_RELAY_HEARTBEAT_MS'],
      ['--joins-per-minute', 'DUET_RELAY_JOINS_PER_MINUTE'],
      ['--messages-per-second', 'DUET_RELAY_MESSAGES_PER_SECOND'],
      ['--message-burst', 'DUET_RELAY_MESSAGE_BURST'],
      ['--max-frame-bytes', 'DUET_RELAY_MAX_FRAME_BYTES'],
      ['--max-control-bytes', 'DUET_RELAY_MAX_CONTROL_BYTES'],
      ['--soft-buffer-bytes', 'DUET_RELAY_SOFT_BUFFER_BYTES'],
      ['--hard-buffer-bytes', 'DUET_RELAY_HARD_BUFFER_BYTES'],
      ['--max-name-length', 'DUET_RELAY_MAX_NAME_LENGTH'],
      ['--max-lobby', 'DUET_RELAY_MAX_LOBBY'],
      ['--max-knocks-per-ip', 'DUET_RELAY_MAX_KNOCKS_PER_IP'],
      ['--max-sessions-per-ip', 'DUET_RELAY_MAX_SESSIONS_PER_IP'],
      ['--failed-lookups-per-minute', 'DUET_RELAY_FAILED_LOOKUPS_PER_MINUTE'],
      ['--metrics-token', 'DUET_RELAY_METRICS_TOKEN'],
      ['--redis-url', 'DUET_RELAY_REDIS_URL'],
      ['--node-id', 'DUET_RELAY_NODE_ID'],
    ]) {
      expect(help).toContain(`${flag} `);
      expect(help).toContain(`env: ${envVar})`);
    }
  });

  it('rejects malformed numbers', () => {
    expect(() => parse(['--port', 'eighty'])).toThrow(/port number/);
    expect(() => parse(['--grace-ms', '-5'])).toThrow(/positive integer/);
    expect(() => parse(['--max-sessions', '1.5'])).toThrow(/positive integer/);
  });

  it('defaults the web root to a built renderer next to the repository root, and "" turns it off', () => {
    const root = mkdtempSync(join(tmpdir(), 'duet-root-'));
    writeFileSync(join(root, 'package.json'), '{}');
    expect(parse([], {}, root).webRoot).toBeUndefined();
    mkdirSync(join(root, 'out', 'renderer'), { recursive: true });
    expect(parse([], {}, root).webRoot).toBe(join(root, 'out', 'renderer'));
    expect(parse(['--web-root', ''], {}, root).webRoot).toBeUndefined();
    // Found from the folder of the CLI itself, whether run from relay/ or bundled into out/main/.
    mkdirSync(join(root, 'out', 'main'), { recursive: true });
    expect(findRepoRoot(join(root, 'out', 'main'))).toBe(root);
  });
});
