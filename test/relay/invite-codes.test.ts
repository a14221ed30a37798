import { describe, expect, it } from 'vitest';
import { INVITE_CODE_BITS, normalizeInviteCode } from '../../src/shared/protocol';
import { connect, createSession, startRelay } from './support/fixture';

describe('invite codes', () => {
  it('are 12 Crockford base32 symbols in three groups, at least 60 bits, and unique', async () => {
    expect(INVITE_CODE_BITS).toBeGreaterThanOrEqual(60);
    const relay = await startRelay({ limits: { joinsPerMinute: 1_000, maxSessionsPerIp: 100 } });
    const hosts = await Promise.all(Array.from({ length: 60 }, (_, i) => createSession(relay, `Host ${i}`)));
    const codes = hosts.map((h) => h.code);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizeInviteCode(code)).toBe(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(hosts.map((h) => h.welcome.session.id)).size).toBe(codes.length);
    // Symbols are spread over the whole alphabet, not stuck on a few.
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBeGreaterThan(25);
  });

  it('work however they are typed: any case, spaces, I/L for 1 and O for 0', async () => {
    const relay = await startRelay();
    const hosted = await createSession(relay, 'Hana', true);
    const sloppy = hosted.code
      .replace(/1/g, 'l')
      .replace(/0/g, 'o')
      .toLowerCase()
      .replace(/-/g, ' ');
    const guest = await connect(relay);
    guest.hello({ intent: 'join', code: sloppy, name: 'Typist' });
    expect((await guest.waitFor('welcome')).session.code).toBe(hosted.code);
  });
});
