import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  INVITE_CODE_BITS,
  INVITE_CODE_RANDOM_BYTES,
  inviteCodeFromRandomBytes,
  normalizeInviteCode,
} from '../../../src/shared/protocol';

describe('invite codes', () => {
  it('carry at least 60 bits in three typable groups', () => {
    expect(INVITE_CODE_BITS).toBeGreaterThanOrEqual(60);
    const code = inviteCodeFromRandomBytes(randomBytes(INVITE_CODE_RANDOM_BYTES));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('are unique across many draws', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(inviteCodeFromRandomBytes(randomBytes(INVITE_CODE_RANDOM_BYTES)));
    expect(seen.size).toBe(20_000);
  });

  it('use every symbol about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) {
      for (const ch of inviteCodeFromRandomBytes(randomBytes(INVITE_CODE_RANDOM_BYTES)).replace(/-/g, '')) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(32);
    const expected = (5_000 * 12) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });

  it('read typed input forgivingly', () => {
    expect(normalizeInviteCode('abcd-efgh-jkmn')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeInviteCode(' abcd efgh jkmn ')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeInviteCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeInviteCode('oO0i-Il1L-abcd')).toBe('0001-1111-ABCD');
  });

  it('reject what cannot be a code', () => {
    expect(normalizeInviteCode('')).toBeUndefined();
    expect(normalizeInviteCode('ABCD-EFGH')).toBeUndefined();
    expect(normalizeInviteCode('ABCD-EFGH-JKMNP')).toBeUndefined();
    expect(normalizeInviteCode('UUUU-UUUU-UUUU')).toBeUndefined();
    expect(normalizeInviteCode('ABCD-EFGH-JK!N')).toBeUndefined();
  });
});
