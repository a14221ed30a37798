/**
 * The WHATWG URL parser exists in every runtime Duet runs in (Node, Chromium, Electron), but
 * the shared program compiles without DOM or Node types; declare the little used here.
 */
interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  href: string;
}
declare const URL: new (input: string) => ParsedUrl;

/**
 * Decides whether a URL may be handed to the system browser: only absolute http(s) URLs
 * without credentials (user:pass@ hides the real host from a quick look). Everything else —
 * file:, javascript:, data:, custom schemes that launch other apps — is refused.
 * Returns the normalized URL to open, or the reason it is refused.
 */
export function checkExternalUrl(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: ParsedUrl;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `only http and https links open externally, not ${url.protocol}` };
  }
  if (url.username || url.password) return { ok: false, reason: 'links with credentials are not opened' };
  if (!url.hostname) return { ok: false, reason: 'link has no host' };
  return { ok: true, url: url.href };
}
