import type { Page } from '@playwright/test';
import { admit, chatOf, focusEditor, knock, newPerson, twoPersonSession, typeInEditor } from './support/duet';
import { expect, test } from './support/fixtures';

/**
 * A paste bigger than the relay's 1 MiB frame limit used to be dropped by the sender's
 * session client, after which nothing the host typed reached anyone. It now goes as
 * fragments (src/shared/protocol/collab/doc-fragments.ts) and everyone keeps in step.
 */

/** About `bytes` of distinct lines, so the paste cannot shrink in Yjs's encoding. */
function bigProgram(bytes: number): string {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const line = `const value${i} = ${(i * 2654435761) % 1000003}; // filler line ${i}\n`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('');
}

/** Length and FNV-1a hash of some text: lets pages compare 3 MB documents without shipping them around. */
interface Digest {
  length: number;
  hash: number;
}

function digestOf(text: string): Digest {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return { length: text.length, hash };
}

/** The digest of this page's document, computed in the page (same algorithm as digestOf). */
function documentDigest(page: Page): Promise<Digest> {
  return page.evaluate(() => {
    const text = (window as unknown as { duetDebug: { getCode(): string } }).duetDebug.getCode();
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    return { length: text.length, hash };
  });
}

/** The document's last characters: small enough to show in a failure message. */
function documentEnd(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { duetDebug: { getCode(): string } }).duetDebug.getCode().slice(-200));
}

test('a 3 MB paste reaches everyone, typing and chat keep flowing, and a late joiner gets it all', async ({
  browser,
  shell,
  relay,
  people,
}) => {
  // Well under 40 s on an idle machine; the margin is for a machine busy with other suites.
  test.setTimeout(90_000);
  const { host, guest, code } = await twoPersonSession(browser, { shell, relay });
  people.push(host, guest);
  const paste = bigProgram(3 * 1024 * 1024);

  // Pasted like a user would (the clipboard, then Ctrl+V), not typed.
  await host.page.evaluate((text) => navigator.clipboard.writeText(text), paste);
  await focusEditor(host.page);
  await host.page.keyboard.press('Control+v');
  const pasted = digestOf(paste);
  await expect.poll(() => documentDigest(host.page), { timeout: 15_000 }).toEqual(pasted);
  await expect.poll(() => documentDigest(guest.page), { timeout: 15_000 }).toEqual(pasted);

  // Nothing was refused, and the connection is as healthy as it says.
  for (const person of [host, guest]) {
    await expect(person.page.getByRole('status', { name: 'Notifications' })).not.toContainText('not sent');
    await expect(person.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  }

  // What the host types next still arrives, and so does chat.
  await typeInEditor(host.page, '// ok');
  await host.page.getByRole('textbox', { name: 'Message' }).fill('did you get that?');
  await host.page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect.poll(() => documentEnd(guest.page)).toMatch(/\n\/\/ ok$/);
  await expect.poll(async () => (await chatOf(guest.page)).map((m) => m.text)).toEqual(['did you get that?']);
  const document = await documentDigest(host.page);
  expect(document.length).toBe(paste.length + '// ok'.length);
  expect(await documentDigest(guest.page)).toEqual(document);

  // Someone joining now gets the whole 3 MB document (every peer's step 2 is fragmented).
  const late = await newPerson(browser, 'Linus');
  people.push(late);
  await knock(late, relay, code);
  await admit(host, late);
  await expect.poll(() => documentDigest(late.page), { timeout: 15_000 }).toEqual(document);
  await expect.poll(async () => (await chatOf(late.page)).map((m) => m.text)).toEqual(['did you get that?']);
  await expect(late.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
  await expect(guest.page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
});
