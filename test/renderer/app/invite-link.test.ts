import { describe, expect, it } from 'vitest';
import { inviteLinkFor, relayUrlOfPage, relayUrlProblem } from '../../../src/renderer/app/invite-link';

describe('invite links the renderer builds', () => {
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
