import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { PROBE, startRelayProcess, type RelayProcess } from './child';

const root = resolve(import.meta.dirname, '../..');

/**
 * The one place the bench starts the Duet relay: as `npm run relay` does, the built
 * relay (out/main/relay.js, rebuilt when stale) under plain node. DUET_BENCH_RELAY picks
 * another entry, e.g. `relay/cli.ts` to compare with the TypeScript loader; a `.ts` entry
 * runs through tsx, anything else under plain node.
 */
const DEFAULT_ENTRY = 'out/main/relay.js';

let built = false;
/** Builds Duet when its build is older than its sources, as `npm run relay` and `npm run web` do (once per bench run). */
export function buildDuetIfStale(): void {
  if (built) return;
  // Build output goes to stderr with the progress lines: stdout carries only the tables.
  const result = spawnSync(process.execPath, [join(root, 'scripts/build-if-stale.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('building Duet failed');
  built = true;
}

/** Relay flags (without the leading dashes) and their values, e.g. `{ 'max-sessions': 30000 }`. */
export type DuetRelayFlags = Record<string, string | number>;

export interface DuetRelayStart {
  /** Limits and other flags beyond the bench's defaults (port 0, loopback, log level warn, a temp data dir). */
  flags?: DuetRelayFlags;
}

/** How the Duet relay is run, for the tables' notes. */
export function duetRelayCommandLine(): string {
  const entry = duetRelayEntry();
  return entry.endsWith('.ts') ? `node --import tsx ${entry}` : `node ${entry}`;
}

function duetRelayEntry(): string {
  return process.env['DUET_BENCH_RELAY'] || DEFAULT_ENTRY;
}

/** Starts a Duet relay child process listening on 127.0.0.1 and a free port. */
export async function startDuetRelay(start: DuetRelayStart = {}): Promise<RelayProcess> {
  const entry = duetRelayEntry();
  if (entry === DEFAULT_ENTRY) buildDuetIfStale();
  const script = isAbsolute(entry) ? entry : join(root, entry);
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const flags: DuetRelayFlags = {
    port: 0,
    host: '127.0.0.1',
    'log-level': 'warn',
    'data-dir': mkdtempSync(join(tmpdir(), 'duet-bench-relay-')),
    'web-root': '',
    ...start.flags,
  };
  const args = Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, String(value)]);
  return startRelayProcess('Duet relay', ['--expose-gc', ...loader, '--import', PROBE, script, ...args]);
}
