import type { Member } from '../../shared/protocol';

/** Largest piece of input handed to the pty in one call (the HostApi accepts up to 64 Ki characters). */
export const MAX_INPUT_PIECE = 16 * 1024;

/**
 * Whether the host accepts terminal input (and run/stop requests) from this member: the
 * relay's member list must show the permission AND the host itself must have granted it
 * (`grantedByHost`, from SessionClient.hasGranted) — never the relay's word alone.
 * Unknown senders and other hosts are refused.
 */
export function mayTypeInTerminal(member: Member | undefined, grantedByHost: boolean): boolean {
  return member !== undefined && member.role === 'guest' && member.permissions.terminalInput && grantedByHost;
}

/** Splits pasted input into pieces the pty accepts, never between the halves of a surrogate pair. */
export function splitInput(text: string, maxPiece = MAX_INPUT_PIECE): string[] {
  if (maxPiece < 2) throw new RangeError('maxPiece must be at least 2');
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + maxPiece);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** The host among the members, if it is known yet. */
export function hostMemberId(members: ReadonlyMap<number, Member>): number | undefined {
  for (const member of members.values()) if (member.role === 'host') return member.id;
  return undefined;
}
