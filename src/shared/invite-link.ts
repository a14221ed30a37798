import { normalizeInviteCode } from './protocol/invite-code';

/**
 * Invite links, read the same way by Electron main (links the OS hands over) and the
 * renderer (pasted links, the page's own address). Two forms carry a code:
 *
 *   duet://join/CODE                 the desktop app's link (scheme registered with the OS)
 *   http(s)://relay/#/join/CODE      the relay's own page, for a guest without the app
 *
 * The code inside may be typed loosely (normalizeInviteCode) and %-escaped; a malformed
 * escape means the link is not one anybody made, so it carries no code.
 */

/** The URL scheme Duet registers with the OS. */
export const INVITE_SCHEME = 'duet';

/** Longer input is not an invite link (an OS may hand over anything). */
export const MAX_INVITE_LINK_LENGTH = 512;

const APP_LINK = /^duet:\/\/join\/([^/?#\s]+)\/?$/i;
const PAGE_HASH = /^#\/join\/([^/?#\s]+)\/?$/;
const PAGE_LINK = /#\/join\/([^/?#\s]+)\/?$/;

/** The desktop app's link for a code. */
export function appInviteLink(code: string): string {
  return `${INVITE_SCHEME}://join/${code}`;
}

/** The code in exactly a `duet://join/CODE` link (any case, a trailing slash), or undefined. */
export function inviteCodeFromAppLink(input: string): string | undefined {
  return codeIn(APP_LINK, input.trim());
}

/** The code in a location hash like `#/join/CODE`, if any. */
export function inviteCodeFromHash(hash: string): string | undefined {
  return codeIn(PAGE_HASH, hash);
}

/**
 * The code in whatever a person pasted or typed: a `duet://` link, a relay page link, or the
 * code itself. Something that looks like a link yields only the link's code.
 */
export function inviteCodeFromInput(input: string): string | undefined {
  const text = input.trim();
  if (APP_LINK.test(text)) return codeIn(APP_LINK, text);
  if (PAGE_LINK.test(text)) return codeIn(PAGE_LINK, text);
  return text.length > MAX_INVITE_LINK_LENGTH ? undefined : normalizeInviteCode(text);
}

function codeIn(pattern: RegExp, text: string): string | undefined {
  if (text.length > MAX_INVITE_LINK_LENGTH) return undefined;
  const segment = pattern.exec(text)?.[1];
  if (segment === undefined) return undefined;
  let typed: string;
  try {
    typed = decodeURIComponent(segment);
  } catch {
    return undefined; // a malformed %-escape (URIError): not a link anyone made
  }
  return normalizeInviteCode(typed);
}
