import { codeOf, converged, focusEditor, newPerson, participant, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectShellReady, expectTerminalToShow, typeInTerminal } from './support/terminal-helpers';

test('the host reloads the page: the session, its code, the document and the terminal carry on', async ({ browser, shell, relay, people }) => {
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  // One line, no Enter: Enter could accept an IntelliSense suggestion instead of breaking the line.
  await typeInEditor(guest.page, 'written by the guest ');
  await typeInEditor(host.page, 'written by the host ');
  await converged([host.page, guest.page]);
  await expectShellReady(host.page);
  await typeInTerminal(host.page, 'echo before-reload-$((20+1))\r');
  await expectTerminalToShow(guest.page, 'before-reload-21');

  host.page.on('dialog', (dialog) => void dialog.accept()); // "leave this page?" on reload
  await host.page.reload();

  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 20_000 });
  await expect(host.page.getByTestId('invite-code')).toHaveText(code);
  await expect(host.page.getByRole('button', { name: 'End session' })).toBeVisible();
  await expect(participant(guest.page, 'Ada')).toContainText('online');
  await expect.poll(() => codeOf(host.page)).toContain('written by the guest');
  expect(await codeOf(host.page)).toContain('written by the host');
  await expectTerminalToShow(host.page, 'before-reload-21');

  // The session simply goes on, both ways.
  await typeInEditor(host.page, 'after the reload');
  await expect.poll(() => codeOf(guest.page)).toContain('after the reload');
});

test('a host alone reloads mid-run: nothing typed is lost, and the run is still shown running', async ({ browser, shell, people }) => {
  const host = await newPerson(browser, 'Ada');
  people.push(host);
  await host.page.goto(shell.url);
  await host.page.getByLabel('Your name').fill('Ada');
  await host.page.getByRole('button', { name: 'New session' }).click();
  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  const program = 'setTimeout(() => console.log("only the host has this"), 8000)';
  // Pasted, not typed: Monaco would auto-close the brackets and quotes.
  await host.page.evaluate((text) => navigator.clipboard.writeText(text), program);
  await focusEditor(host.page);
  await host.page.keyboard.press('Control+v');
  await expectShellReady(host.page);
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(host.page.getByRole('status', { name: 'Run state' })).toHaveText(/^Running/, { timeout: 20_000 });

  host.page.on('dialog', (dialog) => void dialog.accept());
  await host.page.reload();
  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => codeOf(host.page)).toBe(program);
  await expect(host.page.getByRole('status', { name: 'Run state' })).toHaveText(/^Running/);
  await expect(host.page.getByRole('status', { name: 'Run state' })).toHaveText(/^Exited 0 in \d/, { timeout: 20_000 });
});
