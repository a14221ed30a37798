import { describe, expect, it } from 'vitest';
import { appInviteLink, inviteCodeFromAppLink, inviteCodeFromHash, inviteCodeFromInput } from '../../src/shared/invite-link';

describe('reading invite links', () => {
  it('reads a code from a typed code, an http link and a duet:// link', () => {
    expect(inviteCodeFromInput(' abcd efgh jkmn ')).toBe('ABCD-EFGH-JKMN');
    expect(inviteCodeFromInput('http://relay.example:8787/#/join/ABCD-EFGH-JKMN')).toBe('ABCD-EFGH-JKMN');
    expect(inviteCodeFromInput('https://relay.example/#/join/abcd-efgh-jkmn/')).toBe('ABCD-EFGH-JKMN');
    expect(inviteCodeFromInput('duet://join/abcd-efgh-jkmn')).toBe('ABCD-EFGH-JKMN');
    // People read O as 0 and I/L as 1.
    expect(inviteCodeFromInput('ABCD-EFGH-JKMO')).toBe('ABCD-EFGH-JKM0');
  });

  it('rejects what cannot be a code', () => {
    expect(inviteCodeFromInput('')).toBeUndefined();
    expect(inviteCodeFromInput('hello')).toBeUndefined();
    expect(inviteCodeFromInput('https://relay.example/#/join/short')).toBeUndefined();
    expect(inviteCodeFromInput('https://evil.example/?code=ABCD-EFGH-JKMN')).toBeUndefined();
  });

  it('reads the code of a #/join/CODE hash only', () => {
    expect(inviteCodeFromHash('#/join/ABCD-EFGH-JKMN')).toBe('ABCD-EFGH-JKMN');
    expect(inviteCodeFromHash('#/somewhere')).toBeUndefined();
    expect(inviteCodeFromHash('')).toBeUndefined();
  });

  it('finds no code, and does not throw, in a link with a malformed %-escape', () => {
    for (const bad of ['duet://join/%E0%A4%A', 'https://relay.example/#/join/ABCD%ZZEFGH-JKMN', 'duet://join/%']) {
      expect(inviteCodeFromInput(bad), bad).toBeUndefined();
    }
    expect(inviteCodeFromHash('#/join/%E0%A4%A')).toBeUndefined();
    expect(inviteCodeFromAppLink('duet://join/%E0%A4%A')).toBeUndefined();
    // A well-formed escape is read like the typed code.
    expect(inviteCodeFromInput('duet://join/ABCD%20EFGH%20JKMN')).toBe('ABCD-EFGH-JKMN');
  });

  it('reads only exactly a duet://join/CODE link as the app link', () => {
    expect(inviteCodeFromAppLink('DUET://JOIN/abcd-efgh-jkmn/')).toBe('ABCD-EFGH-JKMN');
    for (const other of ['duet://join/ABCD-EFGH-JKMN/extra', 'duet://join/ABCD-EFGH-JKMN?x=1', 'duet://user@join/ABCD-EFGH-JKMN', 'duet://join:1/ABCD-EFGH-JKMN']) {
      expect(inviteCodeFromAppLink(other), other).toBeUndefined();
    }
    expect(inviteCodeFromAppLink(`duet://join/${'A'.repeat(600)}`)).toBeUndefined();
    expect(appInviteLink('ABCD-EFGH-JKMN')).toBe('duet://join/ABCD-EFGH-JKMN');
  });
});
