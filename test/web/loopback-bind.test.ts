import { connect } from 'node:net';
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

  it("is not reachable on this machine's network addresses", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal)
      .map((address) => address!.address);
    for (const address of external) expect(await reachable(address, harness.shell.port), address).toBe(false);
  });
});
