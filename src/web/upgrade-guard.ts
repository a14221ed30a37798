import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HOST_SOCKET_PATH } from '../shared/host-api/host-socket-protocol';

export type UpgradeVerdict = { ok: true } | { ok: false; status: 401 | 403 | 404; reason: string };

/** The origins a page of this server has (both loopback spellings). */
export function loopbackOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/**
 * Decides whether a WebSocket upgrade may reach the host services. Guard clauses, each
 * with its own status: only /host exists (404); it needs this launch's token (401); it must
 * come from a page of this very server — the Origin and Host headers both name it (403),
 * which stops drive-by pages and DNS-rebinding alike.
 */
export function checkHostUpgrade(request: IncomingMessage, token: string, port: number): UpgradeVerdict {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== HOST_SOCKET_PATH) return { ok: false, status: 404, reason: 'no such endpoint' };
  if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token; open the URL Duet printed' };
  }
  const origins = loopbackOrigins(port);
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return { ok: false, status: 403, reason: 'foreign origin' };
  const host = request.headers.host;
  if (!host || !origins.includes(`http://${host}`)) return { ok: false, status: 403, reason: 'foreign host' };
  return { ok: true };
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
