import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RESUME_TOKEN_MAX_AGE_MS, signResumeToken, verifyResumeToken } from '../../relay/resume-token';

const key = Buffer.from('a resume token key for the tests');
const claims = { sid: 'session-1', code: 'ABCD-EFGH-JKMN', mid: 77, role: 'guest' as const, name: 'Gil', iat: 1_700_000_000_000 };

describe('resume tokens', () => {
  it('are base64url(json).base64url(hmac) and verify with the same key', () => {
    const token = signResumeToken(key, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual(claims);
    expect(verifyResumeToken(key, token, claims.iat + 1000)).toEqual(claims);
  });

  it('are refused with another key, altered, expired or from the far future', () => {
    const token = signResumeToken(key, claims);
    expect(verifyResumeToken(Buffer.from('some other key, long enough'), token, claims.iat)).toBeUndefined();
    const [body, mac] = token.split('.') as [string, string];
    const altered = Buffer.from(JSON.stringify({ ...claims, role: 'host' })).toString('base64url');
    expect(verifyResumeToken(key, `${altered}.${mac}`, claims.iat)).toBeUndefined();
    expect(verifyResumeToken(key, `${body}.${mac}x`, claims.iat)).toBeUndefined();
    expect(verifyResumeToken(key, `${body}`, claims.iat)).toBeUndefined();
    expect(verifyResumeToken(key, token, claims.iat + RESUME_TOKEN_MAX_AGE_MS + 1)).toBeUndefined();
    expect(verifyResumeToken(key, token, claims.iat + RESUME_TOKEN_MAX_AGE_MS)).toEqual(claims);
    expect(verifyResumeToken(key, token, claims.iat - 10 * 60_000)).toBeUndefined();
  });

  it('are refused when correctly signed but not claims', () => {
    for (const json of ['not json', '{"sid":"x"}', JSON.stringify({ ...claims, mid: 0 })]) {
      const mac = createHmac('sha256', key).update(json).digest('base64url');
      expect(verifyResumeToken(key, `${Buffer.from(json).toString('base64url')}.${mac}`, claims.iat)).toBeUndefined();
    }
  });
});
