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

test('a second tab cannot take over the shell of an interview in progress; another tab can once that session ends', async ({ browser, shell, people }) => {
  const first = await newPerson(browser, 'Ada');
  const second = await newPerson(browser, 'Ada');
  people.push(first, second);
  await createSession(first, shell);
  await expectShellReady(first.page);
  await typeInTerminal(first.page, 'echo first-tab-$((40+2))\r');
  await expectTerminalToShow(first.page, 'first-tab-42');

  await createSession(second, shell);
  await expect(second.page.getByRole('status', { name: 'Terminal notices' })).toContainText('already hosting a session in another tab');
  // The first interview's shell is still there, and no "shell exited" notice on either side.
  await typeInTerminal(first.page, 'echo still-mine-$((1+1))\r');
  await expectTerminalToShow(first.page, 'still-mine-2');
  await expect(first.page.getByText(/shell exited/)).toHaveCount(0);
  expect(await bufferText(second.page)).not.toContain('first-tab-42');

  await first.page.getByRole('button', { name: 'End session' }).click();
  await first.page.getByRole('button', { name: 'End for everyone' }).click();
  await expect(first.page.getByRole('heading', { name: 'Session ended' })).toBeVisible();
  const third = await newPerson(browser, 'Ada');
  people.push(third);
  await createSession(third, shell);
  await expectShellReady(third.page);
  await expect(third.page.getByText(/already hosting|shell exited/)).toHaveCount(0);
  await typeInTerminal(third.page, 'echo now-hosting-here\r');
  await expectTerminalToShow(third.page, /^now-hosting-here$/m);
  expect(await bufferText(third.page)).not.toContain('first-tab-42');
});
