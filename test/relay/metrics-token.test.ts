import { describe, expect, it } from 'vitest';
import { RelayOptionsError, resolveRelayOptions } from '../../relay/options';
import { startRelay } from './support/fixture';

const TOKEN = 'metrics token for the test, long';

describe('/metrics behind a bearer token (--metrics-token)', () => {
  it('answers 401 without the token or with a wrong one, and the metrics with it; /healthz stays open', async () => {
    const relay = await startRelay({ metricsToken: TOKEN });
    const bare = await fetch(`${relay.httpUrl}/metrics`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect((await bare.text())).not.toContain('duet_relay');
    const wrong = await fetch(`${relay.httpUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${relay.httpUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('duet_relay_connections');
    expect((await fetch(`${relay.httpUrl}/healthz`)).status).toBe(200);
  });

  it('refuses a token too short to be a secret', () => {
    expect(() => resolveRelayOptions({ metricsToken: 'short' })).toThrow(RelayOptionsError);
  });
});
