import { codeOf, converged, participant, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { startRelay, startWebShell, tempDir, type RelayProcess, type WebShellProcess } from '../support/processes';

/** This spec kills its relay, so it runs its own relay and web shell rather than the shared ones. */
let relay: RelayProcess | undefined;
let shell: WebShellProcess | undefined;
const dirs: { remove(): void }[] = [];

test.afterEach(async () => {
  await shell?.stop();
  await relay?.stop();
  for (const dir of dirs.splice(0)) dir.remove();
});

test('the relay restarts mid-session: both reconnect by themselves and nothing typed is lost', async ({ browser, people }) => {
  const relayDir = tempDir('restart-relay');
  const shellDir = tempDir('restart-shell');
  dirs.push(relayDir, shellDir);
  relay = await startRelay({ dataDir: relayDir.path });
  shell = await startWebShell({ relayUrl: relay.url, dataDir: shellDir.path });
  const session = await twoPersonSession(browser, { shell, relay });
  const { host, guest } = session;
  people.push(host, guest);

  await typeInEditor(host.page, 'before restart\n');
  await expect.poll(() => codeOf(guest.page)).toBe('before restart\n');

  // Crash the relay; both notice and keep working.
  const port = relay.port;
  await relay.kill();
  for (const person of [host, guest]) {
    await expect(person.page.getByRole('status', { name: 'Connection' })).toHaveText(/Reconnecting|Offline/);
  }
  await typeInEditor(host.page, 'host typed while the relay was down\n');
  await typeInEditor(guest.page, 'guest typed while the relay was down\n');
  await guest.page.getByRole('textbox', { name: 'Message' }).fill('are you still there?');
  await guest.page.getByRole('textbox', { name: 'Message' }).press('Enter');

  // Same port, same secret, same data dir: the old resume tokens are valid again.
  relay = await startRelay({ dataDir: relayDir.path, port });
  for (const person of [host, guest]) {
    await expect(person.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 30_000 });
  }
  const text = await converged([host.page, guest.page], 20_000);
  expect(text).toContain('before restart');
  expect(text).toContain('host typed while the relay was down');
  expect(text).toContain('guest typed while the relay was down');
  await expect(host.page.getByRole('log', { name: 'Chat messages' })).toContainText('are you still there?');
  await expect(host.page.getByRole('list', { name: 'Participants' }).getByRole('listitem')).toHaveCount(2);
  await expect(participant(host.page, 'Grace')).toContainText('online');
  await expect(host.page.getByTestId('invite-code')).toHaveText(session.code);

  // And the session simply goes on.
  await typeInEditor(guest.page, 'after restart');
  await expect.poll(() => codeOf(host.page)).toContain('after restart');
});
