import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, tryConnect, type Harness } from './web-shell-harness';

/** Only this launch's page may reach the host services: token, then Origin, then Host. */
describe('web shell host socket guard', () => {
  let harness: Harness;
  let base: string;
  beforeAll(async () => {
    harness = await startHarness();
    base = `ws://127.0.0.1:${harness.shell.port}`;
  });
  afterAll(() => harness.stop());

  it('refuses a connection without a token with 401', async () => {
    expect(await tryConnect(`${base}/host`, { Origin: harness.origin })).toEqual({ status: 401 });
  });

  it('refuses a wrong token with 401, including one that differs only in length or one character', async () => {
    const token = harness.shell.token;
    const wrong = [`${token}x`, token.slice(0, -1), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'null'];
    for (const candidate of wrong) {
      expect(await tryConnect(`${base}/host?token=${encodeURIComponent(candidate)}`, { Origin: harness.origin })).toEqual({ status: 401 });
    }
  });

  it('refuses a foreign Origin with 403 even with the right token', async () => {
    const url = `${base}/host?token=${harness.shell.token}`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${harness.shell.port + 1}`, `https://127.0.0.1:${harness.shell.port}`, 'null']) {
      expect(await tryConnect(url, { Origin: origin })).toEqual({ status: 403 });
    }
  });

  it('refuses a missing Origin with 403 (every browser sends one)', async () => {
    expect(await tryConnect(`${base}/host?token=${harness.shell.token}`)).toEqual({ status: 403 });
  });

  it('refuses a rebound Host header with 403 (DNS rebinding)', async () => {
    const url = `${base}/host?token=${harness.shell.token}`;
    expect(await tryConnect(url, { Origin: harness.origin, Host: `evil.example:${harness.shell.port}` })).toEqual({ status: 403 });
  });

  it('answers 404 for any other socket path', async () => {
    expect(await tryConnect(`${base}/other?token=${harness.shell.token}`, { Origin: harness.origin })).toEqual({ status: 404 });
  });

  it('accepts the right token from either loopback spelling of its own origin', async () => {
    for (const origin of [harness.origin, `http://localhost:${harness.shell.port}`]) {
      const { status, socket } = await tryConnect(`${base}/host?token=${harness.shell.token}`, { Origin: origin });
      expect(status).toBe(101);
      socket?.close();
    }
  });
});
