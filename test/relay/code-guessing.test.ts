import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../src/shared/protocol';
import { connect, createSession, startRelay } from './support/fixture';

const address = (i: number): string => `127.0.1.${i + 2}`;

async function guess(url: string, code: string, localAddress: string): Promise<number | 'lobby'> {
  const client = await connect(url, { localAddress });
  client.hello({ intent: 'join', code, name: 'Guesser' });
  return Promise.race([client.waitFor('lobby').then(() => 'lobby' as const), client.closed.then((c) => c.code)]);
}

describe('guessing invite codes from many addresses (failedLookupsPerMinute)', () => {
  it('once the relay-wide budget of failed look-ups is spent, addresses that failed are refused unseen; a real candidate still joins', async () => {
    // A small budget refills slowly (one look-up per 15 s), so the test's own duration does not refill it.
    const budget = 4;
    const addresses = 50;
    const relay = await startRelay({ limits: { failedLookupsPerMinute: budget } });
    const hosted = await createSession(relay);
    const answers: (number | 'lobby')[] = [];
    // Five rounds of one wrong guess from each of 50 addresses: 250 guesses.
    for (let round = 0; round < 5; round++) {
      answers.push(...(await Promise.all(Array.from({ length: addresses }, (_, i) => guess(relay.url, `ZZZZ-ZZZZ-ZZ${round}${i % 10}`, address(i))))));
    }
    const checked = answers.filter((a) => a === CLOSE_CODES['unknown-code']).length;
    const refused = answers.filter((a) => a === CLOSE_CODES['rate-limited']).length;
    // Each address gets at most one look-up after the budget is gone: far fewer than the 250 tried.
    expect(checked).toBeGreaterThanOrEqual(budget);
    expect(checked).toBeLessThanOrEqual(budget + addresses);
    expect(checked + refused).toBe(250);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toContain('duet_relay_lookup_budget_exhausted 1');
    expect(metrics).toContain(`duet_relay_join_attempts_total{outcome="unknown-code"} ${checked}`);

    // Valid codes still join while the budget is spent, from an address that has not been guessing.
    expect(await guess(relay.url, hosted.code, '127.0.2.1')).toBe('lobby');
    // An address that has been guessing waits out the minute, whatever code it types now.
    expect(await guess(relay.url, hosted.code, address(0))).toBe(CLOSE_CODES['rate-limited']);
  });
});
