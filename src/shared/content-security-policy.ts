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

/**
 * Headers on every answer that carries the renderer, from the web shell or from a relay
 * serving browser guests: the CSP above, no MIME sniffing, no referrer (an invite link's
 * code must not leak to another site), no framing, no cross-origin opener.
 */
export function rendererPageHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** index.html is never cached (the asset names it points to change with each build); hashed assets may be. */
export function rendererCacheControl(fileName: string): string {
  return fileName.endsWith('.html') ? 'no-store' : 'public, max-age=3600';
}
