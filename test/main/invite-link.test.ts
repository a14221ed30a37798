import { describe, expect, it } from 'vitest';
import { findInviteLink, parseInviteLink } from '../../src/main/invite-link';

describe('duet:// invite links', () => {
  it('reads a link in canonical form, forgiving case, separators and look-alike letters', () => {
    expect(parseInviteLink('duet://join/ABCD-EFGH-JKMN')).toBe('duet://join/ABCD-EFGH-JKMN');
    expect(parseInviteLink('DUET://JOIN/abcd-efgh-jkmn/')).toBe('duet://join/ABCD-EFGH-JKMN');
    expect(parseInviteLink('duet://join/abcdefghjkmn')).toBe('duet://join/ABCD-EFGH-JKMN');
    expect(parseInviteLink('duet://join/ABCD%20EFGH%20JKMN')).toBe('duet://join/ABCD-EFGH-JKMN');
    expect(parseInviteLink('duet://join/0OIL-0000-0000')).toBe('duet://join/0011-0000-0000');
  });

  it('refuses anything that is not exactly an invite', () => {
    const refused = [
      'duet://join/',
      'duet://join/ABCD-EFGH',
      'duet://join/ABCD-EFGH-JKMN/extra',
      'duet://join/ABCD-EFGH-JKMU', // U is not in the alphabet
      'duet://host/ABCD-EFGH-JKMN',
      'duet://user:pw@join/ABCD-EFGH-JKMN',
      'duet://join:8080/ABCD-EFGH-JKMN',
      'https://join/ABCD-EFGH-JKMN',
      'javascript://join/%0aalert(1)',
      'duet://join/%E0%A4%A',
      `duet://join/${'A'.repeat(600)}`,
      'not a url',
    ];
    for (const link of refused) expect(parseInviteLink(link), link).toBeUndefined();
  });

  it('finds the link in a command line the OS passed to a second instance', () => {
    expect(findInviteLink(['/usr/bin/duet', '--no-sandbox', 'duet://join/abcd-efgh-jkmn'])).toBe('duet://join/ABCD-EFGH-JKMN');
    expect(findInviteLink(['/usr/bin/duet', 'duet://join/bad', '--flag'])).toBeUndefined();
    expect(findInviteLink(['/usr/bin/duet'])).toBeUndefined();
  });
});
