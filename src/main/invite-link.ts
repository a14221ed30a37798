import { normalizeInviteCode } from '../shared/protocol';

/** The URL scheme Duet registers with the OS. */
export const INVITE_SCHEME = 'duet';

/**
 * Reads an invite link the OS handed to the app (`duet://join/CODE`) and returns it in
 * canonical form (`duet://join/ABCD-EFGH-JKMN`), or undefined when it is not a valid
 * invite. Case, a trailing slash and the forgiving code spellings of normalizeInviteCode
 * are accepted; any other host, extra path, credentials or port are not.
 */
export function parseInviteLink(input: string): string | undefined {
  if (input.length > 512) return undefined;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== `${INVITE_SCHEME}:` || url.hostname.toLowerCase() !== 'join') return undefined;
  if (url.username || url.password || url.port) return undefined;
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return undefined;
  let typed: string;
  try {
    typed = decodeURIComponent(match[1]!);
  } catch {
    return undefined; // malformed %-escapes: not a link anyone typed
  }
  const code = normalizeInviteCode(typed);
  return code ? `${INVITE_SCHEME}://join/${code}` : undefined;
}

/** The first valid invite link in a command line (how Windows and Linux pass `duet://` links). */
export function findInviteLink(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${INVITE_SCHEME}:`)) continue;
    const link = parseInviteLink(arg);
    if (link) return link;
  }
  return undefined;
}
