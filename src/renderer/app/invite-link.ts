import { normalizeInviteCode } from '../../shared/protocol';

/**
 * Invite links. A guest without the app opens `http(s)://relay-host/#/join/CODE`: the
 * relay serves the renderer at `/`, and the hash brings up Home with the code filled in.
 * The desktop app also accepts `duet://join/CODE`.
 */

/** The invite code in a typed code, a pasted http(s) link or a duet:// link. */
export function inviteCodeFromInput(input: string): string | undefined {
  const text = input.trim();
  const match = /(?:^duet:\/\/join\/|#\/join\/)([^/?#\s]+)\/?$/i.exec(text);
  if (match) return normalizeInviteCode(decodeURIComponent(match[1]!));
  return normalizeInviteCode(text);
}

/** The code in a location hash like `#/join/CODE`, if any. */
export function inviteCodeFromHash(hash: string): string | undefined {
  const match = /^#\/join\/([^/?#]+)\/?$/.exec(hash);
  return match ? normalizeInviteCode(decodeURIComponent(match[1]!)) : undefined;
}

/** The link a browser guest opens to join: the relay's own web page with the code. */
export function inviteLinkFor(relayUrl: string, code: string): string {
  let url: URL;
  try {
    url = new URL(relayUrl);
  } catch {
    return `duet://join/${code}`;
  }
  const protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  return `${protocol}//${url.host}/#/join/${code}`;
}

/** The relay that served this page (browser guests): `ws(s)://host/ws`. */
export function relayUrlOfPage(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** Checks a relay address the user typed; returns a message saying what is wrong, or undefined. */
export function relayUrlProblem(url: string): string | undefined {
  if (!url.trim()) return 'Enter the relay address (ws://… or wss://…).';
  if (!/^wss?:\/\//i.test(url.trim())) return 'The relay address must start with ws:// or wss://.';
  try {
    new URL(url.trim());
  } catch {
    return 'That relay address is not a valid URL.';
  }
  return undefined;
}
