import { startRedis, type RedisServer } from '../support/redis-server';
import { startRelay, startWebShell, tempDir, type RelayProcess, type WebShellProcess } from '../support/processes';
import { chatOf, codeOf, converged, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectTerminalToShow, sharedTerminalReady, typeInTerminal } from './support/terminal-helpers';

/** This spec runs a cluster: Redis and two relay nodes; the host's web shell uses node A, the guest opens node B. */
let redis: RedisServer | undefined;
const relays: RelayProcess[] = [];
let shell: WebShellProcess | undefined;
const dirs: { remove(): void }[] = [];

test.afterEach(async () => {
  await shell?.stop();
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await redis?.stop();
  for (const dir of dirs.splice(0)) dir.remove();
});

async function node(nodeId: string): Promise<RelayProcess> {
  const dir = tempDir(`cluster-${nodeId}`);
  dirs.push(dir);
  const relay = await startRelay({ dataDir: dir.path, args: ['--redis-url', redis!.url, '--node-id', nodeId] });
  relays.push(relay);
  return relay;
}

test('host on node A, guest on node B: they edit, chat and share the terminal, and a Redis restart loses no edit', async ({ browser, people }) => {
  test.setTimeout(150_000);
  redis = await startRedis();
  const a = await node('a');
  const b = await node('b');
  const shellDir = tempDir('cluster-shell');
  dirs.push(shellDir);
  shell = await startWebShell({ relayUrl: a.url, dataDir: shellDir.path });
  const { host, guest } = await twoPersonSession(browser, { shell, relay: b });
  people.push(host, guest);

  await typeInEditor(host.page, 'from the host on A\n');
  await expect.poll(() => codeOf(guest.page)).toContain('from the host on A');
  await typeInEditor(guest.page, 'from the guest on B\n');
  await expect.poll(() => codeOf(host.page)).toContain('from the guest on B');
  await guest.page.getByRole('textbox', { name: 'Message' }).fill('hello across nodes');
  await guest.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(async () => (await chatOf(host.page)).map((m) => m.text)).toContain('hello across nodes');
  await sharedTerminalReady(host.page, guest.page);
  await typeInTerminal(host.page, 'echo cross-node-$((6*7))\n');
  await expectTerminalToShow(guest.page, 'cross-node-42');

  // Redis goes away and comes back empty: the guest's path to its session on A is cut meanwhile.
  await redis.kill();
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText(/Reconnecting|Offline/, { timeout: 15_000 });
  await typeInEditor(host.page, 'host typed while redis was down\n');
  await typeInEditor(guest.page, 'guest typed while redis was down\n');
  await redis.restart();
  for (const person of [host, guest]) {
    await expect(person.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 30_000 });
  }
  const text = await converged([host.page, guest.page], 30_000);
  for (const line of ['from the host on A', 'from the guest on B', 'host typed while redis was down', 'guest typed while redis was down']) {
    expect(text).toContain(line);
  }
  await typeInTerminal(host.page, 'echo after-$((40+2))\n');
  await expectTerminalToShow(guest.page, 'after-42');
});
