import { connect, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './web-shell-harness';

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether this machine routes `host` to a local listener at all (Linux routes all of 127.0.0.0/8). */
async function addressWorks(host: string): Promise<boolean> {
  const probe = createServer((socket) => socket.destroy());
  const listening = await new Promise<boolean>((resolve) => {
    probe.once('error', () => resolve(false));
    probe.listen(0, host, () => resolve(true));
  });
  if (!listening) return false;
  const port = (probe.address() as { port: number }).port;
  const works = await reachable(host, port);
  await new Promise((resolve) => probe.close(resolve));
  return works;
}

describe('web shell bind address', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.stop());

  it('is reachable on 127.0.0.1 and prints a 127.0.0.1 URL', async () => {
    expect(harness.shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${harness.shell.port}/\\?token=`));
    expect(await reachable('127.0.0.1', harness.shell.port)).toBe(true);
  });

  // Every machine has this one: 127.0.0.2 is a local address other than 127.0.0.1, so a
  // shell bound to 0.0.0.0 (or ::) answers on it and one bound to 127.0.0.1 alone refuses.
  it('refuses connections on a local address other than 127.0.0.1', async () => {
    expect(await addressWorks('127.0.0.2'), 'this test needs 127.0.0.2 to reach local listeners').toBe(true);
    expect(await reachable('127.0.0.2', harness.shell.port)).toBe(false);
  });

  it("is not reachable on this machine's network addresses (where it has any)", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address!.address);
    for (const address of external) expect(await reachable(address, harness.shell.port), address).toBe(false);
  });
});
