import type { Page } from '@playwright/test';
import { twoPersonSession } from './support/duet';
import { expect, test } from './support/fixtures';

const splitOf = (page: Page) => page.getByRole('separator', { name: 'Resize editor and terminal' });
const sidebarEdgeOf = (page: Page) => page.getByRole('separator', { name: 'Resize sidebar' });
const heightOf = async (page: Page, name: string) => (await page.getByRole('region', { name, exact: true }).boundingBox())!.height;

test('the host resizes the editor/terminal split and the sidebar by keyboard and mouse; a reload keeps both, and the guest keeps its own', async ({
  browser,
  shell,
  relay,
  people,
}) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const split = splitOf(host.page);
  await expect(split).toHaveAttribute('aria-valuenow', '68');
  const terminalBefore = await heightOf(host.page, 'Terminal');

  // Keyboard: up moves the separator up, so the terminal grows.
  await split.focus();
  await host.page.keyboard.press('ArrowUp');
  await host.page.keyboard.press('ArrowUp');
  await expect(split).toHaveAttribute('aria-valuenow', '58');
  await expect.poll(() => heightOf(host.page, 'Terminal')).toBeGreaterThan(terminalBefore + 40);

  // Mouse: drag it to 40% of the editor + terminal height.
  const editorBox = (await host.page.getByRole('region', { name: 'Editor', exact: true }).boundingBox())!;
  const panes = editorBox.height + (await heightOf(host.page, 'Terminal'));
  const handle = (await split.boundingBox())!;
  await host.page.mouse.move(handle.x + handle.width / 3, handle.y + handle.height / 2);
  await host.page.mouse.down();
  await host.page.mouse.move(handle.x + handle.width / 3, editorBox.y + panes * 0.4, { steps: 8 });
  await host.page.mouse.up();
  await expect(split).toHaveAttribute('aria-valuenow', /^(39|40|41)$/);
  const dragged = await split.getAttribute('aria-valuenow');
  expect(await heightOf(host.page, 'Terminal')).toBeGreaterThan((await heightOf(host.page, 'Editor')) * 1.2);

  // The sidebar's edge: left widens it.
  const sidebar = host.page.getByRole('complementary', { name: 'Session' });
  const sidebarBefore = (await sidebar.boundingBox())!.width;
  await sidebarEdgeOf(host.page).focus();
  await host.page.keyboard.press('ArrowLeft');
  await host.page.keyboard.press('ArrowLeft');
  await expect(sidebarEdgeOf(host.page)).toHaveAttribute('aria-valuenow', String(Math.round(sidebarBefore) + 40));
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeCloseTo(sidebarBefore + 40, 0);
  const sidebarEdge = (await sidebarEdgeOf(host.page).boundingBox())!;
  await host.page.mouse.move(sidebarEdge.x + sidebarEdge.width / 2, sidebarEdge.y + 200);
  await host.page.mouse.down();
  await host.page.mouse.move(sidebarEdge.x + sidebarEdge.width / 2 - 60, sidebarEdge.y + 200, { steps: 6 });
  await host.page.mouse.up();
  await expect.poll(async () => (await sidebar.boundingBox())!.width).toBeGreaterThan(sidebarBefore + 80);
  const sidebarWidth = await sidebarEdgeOf(host.page).getAttribute('aria-valuenow');

  host.page.on('dialog', (dialog) => void dialog.accept()); // "leave this page?" on reload
  await host.page.reload();
  await expect(host.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected', { timeout: 20_000 });
  await expect(splitOf(host.page)).toHaveAttribute('aria-valuenow', dragged!);
  await expect(sidebarEdgeOf(host.page)).toHaveAttribute('aria-valuenow', sidebarWidth!);
  expect(await heightOf(host.page, 'Terminal')).toBeGreaterThan((await heightOf(host.page, 'Editor')) * 1.2);

  // Sizes are each person's own: the guest still has the default split.
  await expect(splitOf(guest.page)).toHaveAttribute('aria-valuenow', '68');
});
