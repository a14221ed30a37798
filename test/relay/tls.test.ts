import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect, startRelay } from './support/fixture';

// A self-signed certificate for 127.0.0.1 made for these tests only (valid until 2126).
const tlsDir = join(import.meta.dirname, 'support', 'tls');
const tlsCert = join(tlsDir, 'cert.pem');
const tlsKey = join(tlsDir, 'key.pem');
const ca = readFileSync(tlsCert);

describe('TLS', () => {
  it('with tlsCert and tlsKey the relay speaks https and wss on the same port', async () => {
    const relay = await startRelay({ tlsCert, tlsKey });
    expect(relay.url).toBe(`wss://127.0.0.1:${relay.port}/ws`);
    expect(relay.httpUrl).toBe(`https://127.0.0.1:${relay.port}`);
    const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      get(`${relay.httpUrl}/healthz`, { ca }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject);
    });
    expect(health).toEqual({ status: 200, body: 'ok' });
    const host = await connect(relay, { ca });
    host.hello({ intent: 'create', name: 'Secure' });
    expect((await host.waitFor('welcome')).you.name).toBe('Secure');
  });

  it('a missing certificate file fails startup with the file system error', async () => {
    await expect(startRelay({ tlsCert: join(tlsDir, 'missing.pem'), tlsKey })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
