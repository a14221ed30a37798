import { codeOf, converged, focusEditor, participant, twoPersonSession, typeAtCaret, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

/** True when the characters of `part` appear in `whole` in order. */
function isSubsequence(part: string, whole: string): boolean {
  let i = 0;
  for (const ch of whole) if (ch === part[i]) i++;
  return i === part.length;
}

test('both type into the same line at the same time and end up with the same text', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);

  await typeInEditor(host.page, 'total');
  await expect.poll(() => codeOf(guest.page)).toBe('total');
  await focusEditor(guest.page);
  await focusEditor(host.page);

  await Promise.all([
    host.page.keyboard.type(' plus ada', { delay: 25 }),
    guest.page.keyboard.type(' and grace', { delay: 25 }),
  ]);
  const text = await converged([host.page, guest.page]);
  expect(text.startsWith('total')).toBe(true);
  expect(text).toHaveLength('total plus ada and grace'.length);
  expect(text.includes('\n')).toBe(false);
  expect(isSubsequence(' plus ada', text.slice(5))).toBe(true);
  expect(isSubsequence(' and grace', text.slice(5))).toBe(true);
  // Both editors show it, not just the documents.
  await expect(host.page.locator('.view-lines')).toContainText(text.replace(/ /g, '\u00a0'));
  await expect(guest.page.locator('.view-lines')).toContainText(text.replace(/ /g, '\u00a0'));
});

test('undo takes back only your own edits', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);

  await typeInEditor(host.page, 'mine');
  await expect.poll(() => codeOf(guest.page)).toBe('mine');
  await typeInEditor(guest.page, '\ntheirs');
  await expect.poll(() => codeOf(host.page)).toBe('mine\ntheirs');

  await host.page.keyboard.press('Control+z');
  await expect.poll(() => codeOf(guest.page)).toBe('\ntheirs');
  expect(await codeOf(host.page)).toBe('\ntheirs');
  await host.page.keyboard.press('Control+Shift+z');
  await expect.poll(() => codeOf(guest.page)).toBe('mine\ntheirs');
});

test('a remote cursor shows its owner\'s name where they type, and the list reveals it', async ({ browser, shell, relay, people }) => {
  const { host, guest } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);

  await typeInEditor(guest.page, 'let answer = 42');
  await expect.poll(() => codeOf(host.page)).toBe('let answer = 42');

  // The label: a caret in Grace's colour with her name, right after what she typed.
  const head = host.page.locator('.yRemoteSelectionHead');
  await expect(head).toHaveCount(1);
  await expect(head).toBeVisible();
  const label = await head.evaluate((el) => getComputedStyle(el, '::after').content);
  expect(label).toBe('"Grace"');
  const lineText = host.page.locator('.view-line').filter({ hasText: 'answer' }).locator('span > span').last();
  const textBox = (await lineText.boundingBox())!;
  const headBox = (await head.boundingBox())!;
  expect(Math.abs(headBox.x - (textBox.x + textBox.width))).toBeLessThan(4);
  expect(Math.abs(headBox.y - textBox.y)).toBeLessThan(4);
  const guestRow = participant(host.page, 'Grace');
  await expect(guestRow).toContainText('Ln 1, Col 16');

  // Grace moves far down; Ada's view stays at the top until she asks where Grace is.
  await typeAtCaret(guest.page, '\n'.repeat(80) + 'far away');
  await expect(guestRow).toContainText('Ln 81, Col 9');
  await expect(host.page.locator('.view-line').filter({ hasText: 'far' })).toHaveCount(0);
  await host.page.getByRole('button', { name: "Show Grace's cursor" }).click();
  await expect(host.page.locator('.view-line').filter({ hasText: 'far' })).toBeVisible();
  await expect(host.page.locator('.duet-reveal-line')).toBeVisible();
});
