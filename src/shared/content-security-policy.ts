/**
 * The Content-Security-Policy of every Duet page, one definition for both shells (the web
 * shell sends it as a header; Electron adds it to every response). Scripts only from the
 * app itself; Monaco needs inline styles and its workers (blob: in dev); WebSockets to
 * any relay, since the relay address is the user's choice.
 */
export function contentSecurityPolicy(options: { connectSources?: readonly string[] } = {}): string {
  const connect = ["'self'", 'ws://127.0.0.1:*', 'ws:', 'wss:', ...(options.connectSources ?? [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
