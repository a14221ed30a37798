/**
 * Invite codes: 12 Crockford base32 symbols (60 bits) shown as `xxxx-xxxx-xxxx`.
 * Typed codes are forgiving: any case, any separators, and the letters people confuse
 * with digits (I, L → 1; O → 0) are read as the digit.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SYMBOLS = 12;
const GROUP = 4;

/** Random bytes needed by `inviteCodeFromRandomBytes`. */
export const INVITE_CODE_RANDOM_BYTES = SYMBOLS;

/** Bits of entropy in an invite code. */
export const INVITE_CODE_BITS = SYMBOLS * 5;

/** Formats CSPRNG output as a code; each byte yields one uniformly random symbol (256 = 8 × 32). */
export function inviteCodeFromRandomBytes(bytes: Uint8Array): string {
  if (bytes.byteLength < SYMBOLS) throw new RangeError(`need ${SYMBOLS} random bytes, got ${bytes.byteLength}`);
  let symbols = '';
  for (let i = 0; i < SYMBOLS; i++) symbols += ALPHABET[bytes[i]! & 31];
  return group(symbols);
}

/** The canonical form of a typed or pasted code, or undefined if it cannot be a code. */
export function normalizeInviteCode(input: string): string | undefined {
  const symbols = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (symbols.length !== SYMBOLS) return undefined;
  for (const ch of symbols) if (!ALPHABET.includes(ch)) return undefined;
  return group(symbols);
}

function group(symbols: string): string {
  const parts: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP) parts.push(symbols.slice(i, i + GROUP));
  return parts.join('-');
}
