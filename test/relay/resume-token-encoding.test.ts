import { describe, expect, it } from 'vitest';
import { signResumeToken, verifyResumeToken } from '../../relay/resume-token';

const key = Buffer.from('a resume token key for the tests');

/** Known answers: a change to the token format (field order, encoding, MAC) fails here first. */
const VECTORS = [
  {
    claims: { sid: 'session-1', code: 'ABCD-EFGH-JKMN', mid: 77, role: 'guest' as const, name: 'Gil', iat: 1_700_000_000_000 },
    token:
      'eyJzaWQiOiJzZXNzaW9uLTEiLCJjb2RlIjoiQUJDRC1FRkdILUpLTU4iLCJtaWQiOjc3LCJyb2xlIjoiZ3Vlc3QiLCJuYW1lIjoiR2lsIiwiaWF0IjoxNzAwMDAwMDAwMDAwfQ.ZYyT49Q8AR94n7QtAGcaumKO8TSncQO8xde8a7ONG2Q',
  },
  {
    claims: { sid: 'AAAAAAAAAAAAAAAAAAAAAA', code: '0123-4567-89AB', mid: 0xffff_ffff, role: 'host' as const, name: 'Ana 👩‍💻', iat: 1_800_000_000_000 },
    token:
      'eyJzaWQiOiJBQUFBQUFBQUFBQUFBQUFBQUFBQUFBIiwiY29kZSI6IjAxMjMtNDU2Ny04OUFCIiwibWlkIjo0Mjk0OTY3Mjk1LCJyb2xlIjoiaG9zdCIsIm5hbWUiOiJBbmEg8J-RqeKAjfCfkrsiLCJpYXQiOjE4MDAwMDAwMDAwMDB9.Ipls9ZNkkNTgigEGUD1iUuUCZzMiyWlHTK7-CWuEUnI',
  },
];

describe('resume token encoding', () => {
  it('signs the known answers exactly and verifies them', () => {
    for (const { claims, token } of VECTORS) {
      expect(signResumeToken(key, claims)).toBe(token);
      expect(verifyResumeToken(key, token, claims.iat)).toEqual(claims);
    }
  });

  it('has exactly one spelling: anything else that decodes to the same bytes is refused', () => {
    const { claims, token } = VECTORS[1]!;
    const [body, mac] = token.split('.') as [string, string];
    const spellings = [
      // The last character of a 32-byte MAC carries 2 unused bits: flipping them keeps the bytes.
      `${body}.${mac.slice(0, -1)}J`,
      `${body}.${mac}=`,
      `${body}=.${mac}`,
      // Standard base64 instead of base64url.
      `${body.replace(/-/g, '+')}.${mac.replace(/-/g, '+')}`,
      `${body}.${mac.replace(/-/g, '+')}`,
      // Whitespace anywhere.
      `${body.slice(0, 10)} ${body.slice(10)}.${mac}`,
      `${body}.${mac}\n`,
      ` ${token}`,
      `${body}\t.${mac}`,
    ];
    // The first really is the same MAC, only spelled differently (Node's decoder accepts it).
    expect(Buffer.from(spellings[0]!.split('.')[1]!, 'base64url')).toEqual(Buffer.from(mac, 'base64url'));
    for (const spelling of spellings) {
      expect(verifyResumeToken(key, spelling, claims.iat), JSON.stringify(spelling)).toBeUndefined();
    }
  });
});
