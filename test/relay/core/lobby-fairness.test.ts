import { describe, expect, it } from 'vitest';
import { lobbyVictim } from '../../../relay/core/lobby-fairness';

const knocks = (...ips: string[]) => ips.map((ip, i) => ({ id: i, ip }));

describe('lobby fairness', () => {
  it('a newcomer displaces the newest knock of the address holding at least two more places', () => {
    expect(lobbyVictim(knocks('a', 'a', 'b'), 'c')).toEqual({ id: 1, ip: 'a' });
    expect(lobbyVictim(knocks('a', 'a', 'a', 'c'), 'c')).toEqual({ id: 2, ip: 'a' });
  });

  it('nobody is displaced when no address crowds the newcomer\'s', () => {
    expect(lobbyVictim(knocks('a', 'b', 'c'), 'd')).toBeUndefined();
    expect(lobbyVictim(knocks('a', 'a', 'c'), 'c')).toBeUndefined();
    expect(lobbyVictim([], 'd')).toBeUndefined();
  });
});
