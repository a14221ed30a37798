import { appInviteLink } from '../../shared/invite-link';

/**
 * Invite links as the renderer builds them. A guest without the app opens
 * `http(s)://relay-host/#/join/CODE`: the relay serves the renderer at `/`, and the hash
 * brings up Home with the code filled in. Reading a code out of a link is shared with
 * Electron main (src/shared/invite-link.ts).
 */
/** The link a browser guest opens to join: the relay's own web page with the code. */
export function inviteLinkFor(relayUrl: string, code: string): string {
  let url: URL;
  try {
    url = new URL(relayUrl);
  } catch {
    return appInviteLink(code);
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
