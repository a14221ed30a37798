import { describe, expect, it } from 'vitest';
import { createRelay } from '../../relay/relay';
import { RelayOptionsError, resolveRelayOptions } from '../../relay/options';
import { DEFAULT_LIMITS } from '../../src/shared/protocol';

describe('relay options', () => {
  it('are defaulted in one place: loopback, protocol v1 limits', () => {
    const options = resolveRelayOptions({});
    expect(options.host).toBe('127.0.0.1');
    expect(options.port).toBe(0);
    expect(options.limits).toEqual(DEFAULT_LIMITS);
    expect(options.webRoot).toBeUndefined();
    expect(options.trustProxy).toBe(false);
    expect(resolveRelayOptions({ limits: { maxSessions: 5 } }).limits).toEqual({ ...DEFAULT_LIMITS, maxSessions: 5 });
  });

  it.each([
    [{ tlsCert: 'cert.pem' }, 'tlsCert is set but tlsKey is not'],
    [{ tlsKey: 'key.pem' }, 'tlsKey is set but tlsCert is not'],
    [{ port: 70_000 }, 'port must be an integer from 0 to 65535, got 70000'],
    [{ port: 1.5 }, 'port must be an integer'],
    [{ secret: 'short' }, 'secret must be at least 16 bytes long'],
    [{ limits: { softBufferBytes: 10, hardBufferBytes: 5 } }, 'limits.softBufferBytes (10) must not exceed limits.hardBufferBytes (5)'],
    [{ limits: { maxControlBytes: 10_000, maxFrameBytes: 1_000 } }, 'limits.maxControlBytes (10000) must not exceed limits.maxFrameBytes (1000)'],
    [{ limits: { maxSessions: 0 } }, 'limits.maxSessions must be a positive number, got 0'],
    [{ limits: { messageBurst: Number.NaN } }, 'limits.messageBurst must be a positive number, got NaN'],
    [{ limits: { bogus: 1 } as never }, 'unknown limit "bogus"'],
  ])('%j is refused: %s', (input, message) => {
    expect(() => resolveRelayOptions(input)).toThrow(RelayOptionsError);
    expect(() => resolveRelayOptions(input)).toThrow(message);
  });

  it('createRelay rejects contradictory options before listening', async () => {
    await expect(createRelay({ logLevel: 'silent', tlsKey: 'key.pem' })).rejects.toMatchObject({
      name: 'RelayOptionsError',
      code: 'invalid-relay-options',
    });
  });

  it('a port in use is reported, not swallowed', async () => {
    const first = await createRelay({ logLevel: 'silent' });
    try {
      await expect(createRelay({ logLevel: 'silent', port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
