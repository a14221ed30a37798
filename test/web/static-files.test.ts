import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './web-shell-harness';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET: the path is sent exactly as written (no client-side normalization of ../). */
function get(port: number, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web shell static files', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('serves the renderer without a token, with the right MIME types', async () => {
    const index = await get(harness.shell.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Duet</title>');
    const script = await get(harness.shell.port, '/assets/app.js?v=1');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get(harness.shell.port, '/assets/editor.worker.wasm')).headers['content-type']).toBe('application/wasm');
  });

  it('sends a strict CSP and no-sniff on every answer', async () => {
    for (const path of ['/', '/missing.js', '/../secret.txt']) {
      const answer = await get(harness.shell.port, path);
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('refuses every spelling of a path outside the renderer folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../package.json',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%252e%252e/secret.txt',
      '/secret.txt%00.html',
      '/%c0%ae%c0%ae/secret.txt',
    ];
    for (const path of attempts) {
      const answer = await get(harness.shell.port, path);
      expect([400, 403, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain('TOP SECRET');
    }
    expect((await get(harness.shell.port, '/../secret.txt')).status).toBe(403);
  });

  it('answers 404 for missing files and folders, and 405 for writes', async () => {
    expect((await get(harness.shell.port, '/nope.js')).status).toBe(404);
    expect((await get(harness.shell.port, '/assets')).status).toBe(404);
    expect((await get(harness.shell.port, '/', 'POST')).status).toBe(405);
    expect((await get(harness.shell.port, '/', 'HEAD')).status).toBe(200);
  });
});
