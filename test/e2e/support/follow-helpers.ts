import { expect, type Page } from '@playwright/test';
import { converged, focusEditor, type Person } from './duet';

/** `count` numbered lines ("row 1" … "row N"), so what an editor shows says where it is scrolled. */
export function numberedLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `row ${i + 1}`).join('\n');
}

/** The host fills the document with numbered lines and everyone has them. */
export async function fillWithNumberedLines(author: Person, everyone: Person[], count = 300): Promise<void> {
  await focusEditor(author.page);
  await author.page.keyboard.insertText(numberedLines(count));
  await author.page.keyboard.press('Escape');
  const text = await converged(everyone.map((person) => person.page));
  expect(text.split('\n')).toHaveLength(count);
}

/** The numbers of the lines an editor shows now, from its own rendered lines. */
export async function shownRows(page: Page): Promise<number[]> {
  const texts = await page.locator('.monaco-editor .view-lines .view-line').allTextContents();
  return texts
    .map((text) => /^row (\d+)$/.exec(text.replace(/\u00a0/g, ' ').trim())?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The first line an editor shows. */
export async function firstShownRow(page: Page): Promise<number> {
  return (await shownRows(page))[0] ?? 0;
}

/** Scrolls a person's editor with the mouse wheel, over the middle of the code on screen. */
export async function wheelEditor(page: Page, deltaY: number): Promise<void> {
  // The editor's box, not its `.view-lines`: that is as tall as the whole document.
  const box = (await page.locator('.monaco-editor').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // In notches, as a wheel turns: one huge delta is not how people scroll, and Monaco may cap it.
  const notches = Math.max(1, Math.round(Math.abs(deltaY) / 200));
  for (let i = 0; i < notches; i++) await page.mouse.wheel(0, Math.sign(deltaY) * 200);
}

/**
 * How many lines a person's editor is away from showing `row` first. Up to 1 is the same view:
 * the top line may be cut anywhere, and each editor rounds its partly shown lines its own way.
 */
export async function offBy(page: Page, row: number): Promise<number> {
  return Math.abs((await firstShownRow(page)) - row);
}

