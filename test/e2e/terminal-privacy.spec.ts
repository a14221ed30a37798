import { createSession, newPerson } from './support/duet';
import { expect, test } from './support/fixtures';
import { bufferText, expectShellReady, expectTerminalToShow, typeInTerminal } from './support/terminal-helpers';

test('a new session starts with a fresh shell: nothing from the previous interview is on screen', async ({ browser, shell, people }) => {
  const first = await newPerson(browser, 'Ada');
  people.push(first);
  await createSession(first, shell);
  await expectShellReady(first.page);
  await typeInTerminal(first.page, 'echo first-interview-$((40+2))\r');
  await expectTerminalToShow(first.page, 'first-interview-42');
  await first.context.close(); // the host just closes the tab, without ending the session

  const second = await newPerson(browser, 'Ada');
  people.push(second);
  await createSession(second, shell);
  await expectShellReady(second.page);
  await typeInTerminal(second.page, 'echo second-interview\r');
  await expectTerminalToShow(second.page, /^second-interview$/m);
  expect(await bufferText(second.page)).not.toContain('first-interview-42');
});

test('a second tab cannot take over the shell of an interview in progress; it can once that session ends', async ({ browser, shell, people }) => {
  const first = await newPerson(browser, 'Ada');
  const second = await newPerson(browser, 'Ada');
  people.push(first, second);
  await createSession(first, shell);
  await expectShellReady(first.page);
  await typeInTerminal(first.page, 'echo first-tab-$((40+2))\r');
  await expectTerminalToShow(first.page, 'first-tab-42');

  // The second tab is refused before any session (and invite code) exists.
  await second.page.goto(shell.url);
  await second.page.getByLabel('Your name').fill('Ada');
  await second.page.getByRole('button', { name: 'New session' }).click();
  await expect(second.page.getByRole('alert')).toContainText('already hosting a session in another tab');
  await expect(second.page.getByTestId('invite-code')).toHaveCount(0);
  // The first interview's shell is still there, and no "shell exited" notice on either side.
  await typeInTerminal(first.page, 'echo still-mine-$((1+1))\r');
  await expectTerminalToShow(first.page, 'still-mine-2');
  await expect(first.page.getByText(/shell exited/)).toHaveCount(0);

  await first.page.getByRole('button', { name: 'End session' }).click();
  await first.page.getByRole('button', { name: 'End for everyone' }).click();
  await expect(first.page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  // Now the second tab may host: a fresh shell, nothing of the first interview.
  await second.page.getByRole('button', { name: 'New session' }).click();
  await expect(second.page.getByTestId('invite-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expectShellReady(second.page);
  await expect(second.page.getByText(/already hosting|shell exited/)).toHaveCount(0);
  await typeInTerminal(second.page, 'echo now-hosting-here\r');
  await expectTerminalToShow(second.page, /^now-hosting-here$/m);
  expect(await bufferText(second.page)).not.toContain('first-tab-42');
});
