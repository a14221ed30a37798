import { describe, expect, it } from 'vitest';
import { inviteCodeFromHash, inviteCodeFromInput, inviteLinkFor, relayUrlOfPage, relayUrlProblem } from '../../../src/renderer/app/invite-link';

describe('invite links', () => {
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

  it('builds the browser link from the relay address', () => {
    expect(inviteLinkFor('ws://127.0.0.1:8787/ws', 'ABCD-EFGH-JKMN')).toBe('http://127.0.0.1:8787/#/join/ABCD-EFGH-JKMN');
    expect(inviteLinkFor('wss://duet.example.com/ws', 'ABCD-EFGH-JKMN')).toBe('https://duet.example.com/#/join/ABCD-EFGH-JKMN');
    expect(inviteLinkFor('not a url', 'ABCD-EFGH-JKMN')).toBe('duet://join/ABCD-EFGH-JKMN');
  });

  it('finds the relay of the page a guest opened', () => {
    expect(relayUrlOfPage({ protocol: 'http:', host: '127.0.0.1:8787' })).toBe('ws://127.0.0.1:8787/ws');
    expect(relayUrlOfPage({ protocol: 'https:', host: 'duet.example.com' })).toBe('wss://duet.example.com/ws');
  });

  it('says what is wrong with a relay address', () => {
    expect(relayUrlProblem('ws://127.0.0.1:8787/ws')).toBeUndefined();
    expect(relayUrlProblem('')).toMatch(/Enter the relay address/);
    expect(relayUrlProblem('http://relay.example')).toMatch(/ws:\/\/ or wss:\/\//);
  });
});
