import { spawnSync } from 'node:child_process';
import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';

test('a language change reaches everyone\'s editor', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  await expect(guest.page.getByLabel('Language')).toHaveValue('javascript');

  await host.page.getByLabel('Language').selectOption({ label: 'Python' });
  await expect(guest.page.getByLabel('Language')).toHaveValue('python');
  await expect(guest.page.locator('[data-mode-id="python"]')).toHaveCount(1);

  await guest.page.getByLabel('Language').selectOption('go');
  await expect(host.page.getByLabel('Language')).toHaveValue('go');
  await expect(host.page.locator('[data-mode-id="go"]')).toHaveCount(1);
});

test('everyone sees which languages the host can run', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const hostHas = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  for (const page of [host.page, guest.page]) {
    const option = (value: string) => page.getByLabel('Language').locator(`option[value="${value}"]`);
    // JavaScript always runs (the app's own Node); Python runs on these machines.
    await expect(option('javascript')).toHaveText('JavaScript');
    await expect(option('python')).toHaveText(hostHas('python3') ? 'Python' : 'Python (not installed)');
    await expect(option('go')).toHaveText(hostHas('go') ? 'Go' : 'Go (not installed)');
    await expect(option('ruby')).toHaveAttribute('title', hostHas('ruby') ? /Runs main\.rb/ : /Cannot run on the host: ruby not found/);
  }

  // Run is off while the shared language cannot run on the host, and says why (needs a
  // toolchain this machine lacks: Go and Ruby are absent on the project's machines).
  const missing = (['go', 'ruby'] as const).find((tool) => !hostHas(tool));
  if (missing === undefined) return;
  const run = host.page.getByRole('button', { name: 'Run', exact: true });
  await expect(run).toBeEnabled();
  await host.page.getByLabel('Language').selectOption(missing);
  await expect(run).toBeDisabled();
  await expect(run).toHaveAttribute('title', /is not installed on the host/);
  await host.page.getByLabel('Language').selectOption('javascript');
  await expect(run).toBeEnabled();
});

test('chat goes both ways, with author and time', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);

  // Enter sends.
  await host.page.getByRole('textbox', { name: 'Message' }).fill('Welcome, Grace! Ready?');
  await host.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  const guestLog = guest.page.getByRole('log', { name: 'Chat messages' });
  await expect(guestLog.getByRole('listitem').last()).toContainText('Ada');
  await expect(guestLog.getByRole('listitem').last()).toContainText('Welcome, Grace! Ready?');
  await expect(guestLog.locator('time').last()).toHaveText(/\d{1,2}:\d{2}/);
  await expect(host.page.getByRole('textbox', { name: 'Message' })).toHaveValue('');

  // The Send button works too.
  await guest.page.getByRole('textbox', { name: 'Message' }).fill('Ready when you are.');
  await guest.page.getByRole('button', { name: 'Send' }).click();
  const hostLog = host.page.getByRole('log', { name: 'Chat messages' });
  await expect(hostLog.getByRole('listitem')).toHaveCount(2);
  await expect(hostLog.getByRole('listitem').last()).toContainText('Grace');
  await expect(hostLog.getByRole('listitem').last()).toContainText('Ready when you are.');
  await expect(hostLog).toHaveAttribute('aria-live', 'polite');
});
