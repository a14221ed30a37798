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
