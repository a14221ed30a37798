import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Role } from '../src/shared/protocol';

/**
 * Resume tokens are self-verifying, `base64url(json).base64url(hmacSha256(secret, json))`,
 * so a relay restarted with the same secret still recognises its members: it needs no
 * store, only the key.
 */
export const ResumeClaims = z.strictObject({
  /** Session id. */
  sid: z.string().min(1).max(64),
  /** The session's invite code, so a host can re-create the session under the same code. */
  code: z.string().min(1).max(64),
  /** Member id. */
  mid: z.number().int().min(1).max(0xffff_ffff),
  role: Role,
  name: z.string().max(256),
  /** Issued at, in milliseconds since the epoch (ms, so a restart within a second still tells incarnations apart). */
  iat: z.number().int().nonnegative(),
});
export type ResumeClaims = z.infer<typeof ResumeClaims>;

/** Tokens older than this are refused; every welcome hands out a fresh one. */
export const RESUME_TOKEN_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Tolerated clock skew for tokens "from the future" (several relays behind a balancer). */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Signs claims into a resume token. */
export function signResumeToken(key: Buffer, claims: ResumeClaims): string {
  const json = JSON.stringify(claims);
  const mac = createHmac('sha256', key).update(json).digest();
  return `${Buffer.from(json).toString('base64url')}.${mac.toString('base64url')}`;
}

/**
 * The bytes a part of a token stands for, when it is spelled exactly as `signResumeToken`
 * spells it (base64url, no padding, no whitespace, no stray trailing bits), else undefined:
 * a token has one encoding, so a changed character never verifies.
 */
function canonicalBytes(part: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

/** The claims of a genuine, unexpired token, or undefined for anything else. */
export function verifyResumeToken(key: Buffer, token: string, now = Date.now()): ResumeClaims | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return undefined;
  const json = canonicalBytes(token.slice(0, dot));
  const mac = canonicalBytes(token.slice(dot + 1));
  if (json === undefined || mac === undefined) return undefined;
  const expected = createHmac('sha256', key).update(json).digest();
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch {
    // Correctly signed but not JSON can only come from a bug or a leaked key: refuse it.
    return undefined;
  }
  const claims = ResumeClaims.safeParse(value);
  if (!claims.success) return undefined;
  const age = now - claims.data.iat;
  if (age > RESUME_TOKEN_MAX_AGE_MS || age < -FUTURE_SKEW_MS) return undefined;
  return claims.data;
}
