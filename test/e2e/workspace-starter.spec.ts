import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { tempDir } from '../support/processes';
import { admit, knock, newPerson, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';
import { expectTerminalToShow, sharedTerminalReady } from './support/terminal-helpers';

const fileButton = (page: Page, path: string) => page.getByRole('list', { name: 'Files' }).getByRole('button', { name: path, exact: true });
const folderStatus = (page: Page) => page.getByRole('status', { name: 'Folder' });

test('the host loads a starter exercise from a folder, everyone works on it, and the host saves the result', async ({ browser, shell, relay, people }) => {
  const dir = tempDir('starter');
  try {
    const exercise = join(dir.path, 'exercise');
    mkdirSync(join(exercise, '.git'), { recursive: true });
    writeFileSync(join(exercise, 'solution.py'), 'def add(a, b):\n    return 0\n');
    writeFileSync(join(exercise, 'test_solution.py'), 'from solution import add\nprint("add(2, 3) =", add(2, 3))\n');
    writeFileSync(join(exercise, '.git', 'HEAD'), 'ref: refs/heads/main\n');

    const { host, guest } = await twoPersonSession(browser, { shell, relay });
    people.push(host, guest);
    await sharedTerminalReady(host.page, guest.page);
    // Only the host reaches their machine's folders.
    await expect(guest.page.getByRole('button', { name: 'Load folder' })).toHaveCount(0);

    // A relative path is refused by the host side, saying what to type instead.
    await host.page.getByLabel('Folder on this machine').fill('exercise');
    await host.page.getByRole('button', { name: 'Load folder' }).click();
    await expect(folderStatus(host.page)).toContainText('is not an absolute path');

    await host.page.getByLabel('Folder on this machine').fill(exercise);
    await host.page.getByRole('button', { name: 'Load folder' }).click();
    await expect(folderStatus(host.page)).toHaveText(`Loaded 2 files from ${exercise}`);
    for (const page of [host.page, guest.page]) {
      await expect(fileButton(page, 'solution.py')).toBeVisible();
      await expect(fileButton(page, 'test_solution.py')).toBeVisible();
      // The starter replaced the new session's main.js; hidden folders stay on the machine.
      await expect(fileButton(page, 'main.js')).toHaveCount(0);
      await expect(page.getByRole('list', { name: 'Files' })).not.toContainText('.git');
    }

    // No main file: Run waits for the host to choose the file it starts.
    const run = host.page.getByRole('button', { name: 'Run', exact: true });
    await expect(run).toBeDisabled();
    await host.page.getByLabel('Run file').selectOption({ label: 'test_solution.py' });
    await expect(run).toBeEnabled();

    // The candidate fixes the solution; the test run shows it to both.
    await fileButton(guest.page, 'solution.py').click();
    await guest.page.locator('.monaco-editor .view-lines').click();
    await guest.page.keyboard.press('Control+A');
    await guest.page.keyboard.press('Delete');
    await typeInEditor(guest.page, 'def add(a, b): return a + b\n');
    await expect(host.page.locator('.monaco-editor .view-lines')).toBeVisible();
    await expect.poll(() => host.page.evaluate(() => (window as unknown as { duetDebug: { getFiles(): { path: string; text: string }[] } }).duetDebug.getFiles().find((f) => f.path === 'solution.py')?.text)).toBe('def add(a, b): return a + b\n');
    await run.click();
    for (const page of [host.page, guest.page]) await expectTerminalToShow(page, 'add(2, 3) = 5');

    // Saved into a new folder: the files as they are now.
    const saved = join(dir.path, 'saved', 'candidate-1');
    await host.page.getByLabel('Folder on this machine').fill(saved);
    await host.page.getByRole('button', { name: 'Save to folder' }).click();
    await expect(folderStatus(host.page)).toHaveText(`Saved 2 files to ${saved}`);
    expect(readFileSync(join(saved, 'solution.py'), 'utf8')).toBe('def add(a, b): return a + b\n');
    expect(readFileSync(join(saved, 'test_solution.py'), 'utf8')).toContain('from solution import add');
    // Never over files already there.
    await host.page.getByRole('button', { name: 'Save to folder' }).click();
    await expect(folderStatus(host.page)).toContainText('is not empty');
  } finally {
    dir.remove();
  }
});

test('a starter folder given at New session is the workspace the guest finds; a bad one is refused before any code exists', async ({ browser, shell, relay, people }) => {
  const dir = tempDir('starter-home');
  try {
    writeFileSync(join(dir.path, 'main.py'), 'print("starter")\n');
    writeFileSync(join(dir.path, 'README.txt'), 'Implement main.py\n');
    const host = await newPerson(browser, 'Ada');
    const guest = await newPerson(browser, 'Grace');
    people.push(host, guest);
    await host.page.goto(shell.url);
    await host.page.getByLabel('Your name').fill('Ada');

    await host.page.getByLabel('Starter folder').fill(join(dir.path, 'missing'));
    await host.page.getByRole('button', { name: 'New session' }).click();
    await expect(host.page.getByRole('alert')).toHaveText(`Starter folder: ${join(dir.path, 'missing')} does not exist`);
    await expect(host.page.getByTestId('invite-code')).toHaveCount(0);

    await host.page.getByLabel('Starter folder').fill(dir.path);
    await host.page.getByRole('button', { name: 'New session' }).click();
    const code = (await host.page.getByTestId('invite-code').textContent())!;
    await knock(guest, relay, code);
    await admit(host, guest);
    for (const page of [host.page, guest.page]) {
      await expect(fileButton(page, 'main.py')).toBeVisible();
      await expect(fileButton(page, 'README.txt')).toBeVisible();
      await expect(fileButton(page, 'main.js')).toHaveCount(0);
      // The starter's main file is the Run file, and opens first.
      await expect(page.getByLabel('Run file')).toHaveValue(await page.getByLabel('Run file').locator('option', { hasText: 'main.py' }).getAttribute('value') ?? '');
      await expect(fileButton(page, 'main.py')).toHaveAttribute('aria-current', 'true');
    }
  } finally {
    dir.remove();
  }
});
