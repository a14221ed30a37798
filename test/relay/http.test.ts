import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/shared/protocol';
import { connect, createSession, joinSession, startRelay } from './support/fixture';

/** Reads one counter or gauge value from Prometheus text (0 when absent). */
function value(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

async function scrape(httpUrl: string): Promise<string> {
  const res = await fetch(`${httpUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

describe('HTTP endpoints', () => {
  it('/healthz answers 200 ok', async () => {
    const relay = await startRelay();
    const res = await fetch(`${relay.httpUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect(relay.url).toBe(`ws://127.0.0.1:${relay.port}/ws`);
    expect(relay.httpUrl).toBe(`http://127.0.0.1:${relay.port}`);
  });

  it('/metrics exposes every series, and the counters move with traffic', async () => {
    const relay = await startRelay({ limits: { reconnectGraceMs: 5_000 } });
    const before = await scrape(relay.httpUrl);
    for (const name of [
      'duet_relay_connections',
      'duet_relay_sessions',
      'duet_relay_messages_total',
      'duet_relay_bytes_total',
      'duet_relay_frames_dropped_total',
      'duet_relay_closes_total',
      'duet_relay_join_attempts_total',
    ]) {
      expect(before).toContain(`# TYPE ${name} `);
    }
    expect(value(before, 'duet_relay_messages_total{direction="in",channel="doc"}')).toBe(0);

    const hosted = await createSession(relay);
    const gil = await joinSession(relay, hosted, 'Gil');
    hosted.host.sendFrame(CHANNELS.doc, 0, new Uint8Array(91));
    await gil.guest.waitForFrame();
    gil.guest.sendFrame(CHANNELS.terminalIn, 0, new Uint8Array([1]));
    await gil.guest.waitFor('error');
    const bad = await connect(relay);
    bad.hello({ intent: 'join', code: 'nope' });
    await bad.waitForClose();

    const after = await scrape(relay.httpUrl);
    expect(value(after, 'duet_relay_connections')).toBe(2);
    expect(value(after, 'duet_relay_sessions')).toBe(1);
    expect(value(after, 'duet_relay_messages_total{direction="in",channel="doc"}')).toBe(1);
    expect(value(after, 'duet_relay_messages_total{direction="out",channel="doc"}')).toBe(1);
    expect(value(after, 'duet_relay_bytes_total{direction="in",channel="doc"}')).toBe(100);
    expect(value(after, 'duet_relay_bytes_total{direction="out",channel="doc"}')).toBe(100);
    expect(value(after, 'duet_relay_messages_total{direction="in",channel="control"}')).toBeGreaterThanOrEqual(4);
    expect(value(after, 'duet_relay_messages_total{direction="out",channel="control"}')).toBeGreaterThanOrEqual(5);
    expect(value(after, 'duet_relay_frames_dropped_total{channel="terminalIn",reason="no-permission"}')).toBe(1);
    expect(value(after, 'duet_relay_join_attempts_total{outcome="created"}')).toBe(1);
    expect(value(after, 'duet_relay_join_attempts_total{outcome="lobby"}')).toBe(1);
    expect(value(after, 'duet_relay_join_attempts_total{outcome="admitted"}')).toBe(1);
    expect(value(after, 'duet_relay_join_attempts_total{outcome="unknown-code"}')).toBe(1);
    expect(value(after, 'duet_relay_closes_total{reason="unknown-code"}')).toBe(1);

    // Counters keep counting between scrapes (they are not reset by a scrape).
    hosted.host.sendFrame(CHANNELS.doc, 0, new Uint8Array(1));
    await gil.guest.waitForFrame();
    const again = await scrape(relay.httpUrl);
    expect(value(again, 'duet_relay_messages_total{direction="in",channel="doc"}')).toBe(2);
  });

  it('two relays in one process keep separate metrics', async () => {
    const one = await startRelay();
    const two = await startRelay();
    await createSession(one);
    expect(value(await scrape(one.httpUrl), 'duet_relay_sessions')).toBe(1);
    expect(value(await scrape(two.httpUrl), 'duet_relay_sessions')).toBe(0);
  });

  it('a WebSocket upgrade anywhere but /ws is answered 404', async () => {
    const relay = await startRelay();
    await expect(connect(`ws://127.0.0.1:${relay.port}/other`)).rejects.toThrow(/404/);
    await expect(connect(`ws://127.0.0.1:${relay.port}/`)).rejects.toThrow(/404/);
    // A query string on /ws is fine.
    const client = await connect(`${relay.url}?v=1`);
    client.hello({ intent: 'create' });
    await client.waitFor('welcome');
  });

  it('unknown paths are 404 and other methods 405 when no web root is set', async () => {
    const relay = await startRelay();
    expect((await fetch(`${relay.httpUrl}/`)).status).toBe(404);
    expect((await fetch(`${relay.httpUrl}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('serves a built renderer from webRoot, index.html at /, and nothing outside it', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'duet-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Duet</title>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log(1)');
    const relay = await startRelay({ webRoot });
    const index = await fetch(`${relay.httpUrl}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Duet</title>');
    // Browser guests get the same protections as the web shell's page.
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    expect(index.headers.get('cache-control')).toBe('no-store');
    const script = await fetch(`${relay.httpUrl}/assets/app.js?v=2`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await fetch(`${relay.httpUrl}/missing.js`)).status).toBe(404);
    // Path traversal, raw (fetch would normalise it away) and encoded.
    for (const path of ['/../../etc/passwd', '/assets/%2e%2e/%2e%2e/etc/passwd', '/%00']) {
      const status = await new Promise<number>((resolve, reject) => {
        request({ host: '127.0.0.1', port: relay.port, path }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
      expect([400, 403, 404], path).toContain(status);
    }
    // The relay's own endpoints still win over files.
    expect(await (await fetch(`${relay.httpUrl}/healthz`)).text()).toBe('ok');
  });
});
