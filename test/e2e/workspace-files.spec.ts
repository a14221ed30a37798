import type { Page } from '@playwright/test';
import { twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { hasPython } from './support/tools';
import { expectTerminalToShow, sharedTerminalReady } from './support/terminal-helpers';

const runState = (page: Page) => page.getByRole('status', { name: 'Run state' });
const files = (page: Page) => page.getByRole('list', { name: 'Files' });
const fileButton = (page: Page, path: string) => files(page).getByRole('button', { name: path, exact: true });

/** The workspace as this page's Y.Doc has it: path → text. */
function filesOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const debug = (window as unknown as { duetDebug: { getFiles(): { path: string; text: string }[] } }).duetDebug;
    return Object.fromEntries(debug.getFiles().map((file) => [file.path, file.text]));
  });
}

/** Creates a file through the Files panel, as a person would. */
async function createFile(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: 'New file' }).click();
  await page.getByRole('textbox', { name: 'New file name' }).fill(path);
  await page.getByRole('textbox', { name: 'New file name' }).press('Enter');
  await expect(fileButton(page, path)).toHaveAttribute('aria-current', 'true');
}

test('two people create and rename files, and Run starts the test file, which imports the solution', async ({ browser, shell, relay, people }) => {
  test.skip(!hasPython(), 'python3 is not installed on this machine');
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await sharedTerminalReady(host.page, guest.page);
  // A new session starts with the default language's main file, for everyone.
  await expect(fileButton(guest.page, 'main.js')).toBeVisible();

  // The host writes the solution in a file of its own.
  await createFile(host.page, 'solution.py');
  await expect(host.page.getByLabel('Language')).toHaveValue('python');
  await typeInEditor(host.page, 'def add(a, b): return a + b\n');

  // The guest creates the test under a first name, then renames it.
  await createFile(guest.page, 'check.py');
  await guest.page.getByRole('button', { name: 'Rename check.py' }).click();
  await guest.page.getByRole('textbox', { name: 'New name for check.py' }).fill('test_solution.py');
  await guest.page.getByRole('textbox', { name: 'New name for check.py' }).press('Enter');
  await expect(fileButton(guest.page, 'test_solution.py')).toHaveAttribute('aria-current', 'true');
  await typeInEditor(guest.page, 'from solution import add\nassert add(2, 3) == 5\nprint("tests passed:", add(20, 22))\n');

  // Everyone has the same tree: the rename moved the file, it did not copy it.
  for (const page of [host.page, guest.page]) {
    await expect(fileButton(page, 'test_solution.py')).toBeVisible();
    await expect(fileButton(page, 'check.py')).toHaveCount(0);
  }
  await expect.poll(() => filesOf(host.page)).toEqual(await filesOf(guest.page));
  expect(Object.keys(await filesOf(host.page)).sort()).toEqual(['main.js', 'solution.py', 'test_solution.py']);

  // Each cursor shows in the file its member is in: the guest's is not in the host's solution.py…
  const remoteCursors = (page: Page) => page.locator('.monaco-editor [class*="yRemoteSelectionHead-"]');
  await expect(remoteCursors(host.page)).toHaveCount(0);
  // …and is there once the host opens the test file.
  await fileButton(host.page, 'test_solution.py').click();
  await expect(remoteCursors(host.page)).toHaveCount(1);

  // The host makes the test file the entry; the guest sees the choice and cannot change it.
  await host.page.getByLabel('Run file').selectOption({ label: 'test_solution.py' });
  await expect(guest.page.getByLabel('Run file')).toHaveValue(await host.page.getByLabel('Run file').inputValue());
  await expect(guest.page.getByLabel('Run file')).toBeDisabled();

  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const page of [host.page, guest.page]) {
    await expectTerminalToShow(page, 'python3 test_solution.py');
    await expectTerminalToShow(page, 'tests passed: 42');
    await expect(runState(page)).toHaveText(/^Exited 0 in \d/);
  }

  // A failing test shows as a failing exit code for both.
  await typeInEditor(host.page, 'assert add(1, 1) == 3, "one plus one"\n');
  await expect.poll(async () => (await filesOf(guest.page))['test_solution.py']).toContain('one plus one');
  await host.page.getByRole('button', { name: 'Run', exact: true }).click();
  for (const page of [host.page, guest.page]) {
    await expectTerminalToShow(page, 'AssertionError: one plus one');
    await expect(runState(page)).toHaveText(/^Exited 1 in \d/);
  }
});
