import { appInviteLink, INVITE_SCHEME, inviteCodeFromAppLink } from '../shared/invite-link';

export { INVITE_SCHEME };

/**
 * Reads an invite link the OS handed to the app (`duet://join/CODE`) and returns it in
 * canonical form (`duet://join/ABCD-EFGH-JKMN`), or undefined when it is not a valid
 * invite. Case, a trailing slash and the forgiving code spellings of normalizeInviteCode
 * are accepted; any other host, extra path, query, credentials or port are not.
 */
export function parseInviteLink(input: string): string | undefined {
  const code = inviteCodeFromAppLink(input);
  return code ? appInviteLink(code) : undefined;
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
